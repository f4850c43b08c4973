import {setTimeout as delay} from 'node:timers/promises';

/**
 * Polls every 20 ms until check() holds (no fixed sleeps); fails naming `what` after timeoutMs. A function
 * for `what` is read when it fails: a message that quotes the screen then shows the last one, not the first.
 */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string | (() => string), timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
		}

		await delay(20);
	}
}
