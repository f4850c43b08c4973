import type {Client} from 'ssh2';

/**
 * Every remote command is started as `echo @snf-pid:$$@ >&2` + newline + the command line, run by the
 * login shell. sshd makes that shell a session and process-group leader (setsid), so its pid names
 * the whole process group. The marker is the first thing the shell writes (stderr, or the pty); the
 * executor strips it from the output. It costs no extra round trip: it rides on the command's own
 * output.
 */
export function withPidMarker(commandLine: string): string {
	return `echo @snf-pid:$$@ >&2\n${commandLine}`;
}

export const pidMarkerPattern = /@snf-pid:(\d+)@\r?\n/;

/**
 * Kills a process group on the host: TERM, up to 3 s for it to go, then KILL. The script ends as soon
 * as the group is gone, so waiting for it means the remote processes are really gone.
 */
export function killScript(pid: number): string {
	const group = `-${pid}`;
	// `kill -s SIG -- -PGID` is the one spelling both dash and bash accept (dash rejects `kill -TERM -- -PGID`).
	return [
		`kill -s TERM -- ${group} 2>/dev/null || kill -s TERM ${pid} 2>/dev/null`,
		'i=0',
		`while [ $i -lt 30 ] && kill -s 0 -- ${group} 2>/dev/null; do sleep 0.1; i=$((i+1)); done`,
		`kill -s KILL -- ${group} 2>/dev/null`,
		'exit 0',
	].join('\n');
}

/** Kills a process group on the host at once (KILL, no grace): a second Ctrl+C. */
export function killNowScript(pid: number): string {
	return `kill -s KILL -- -${pid} 2>/dev/null || kill -s KILL ${pid} 2>/dev/null\nexit 0`;
}

/** Runs the kill script on a second channel of the same connection; resolves when it has finished (or failed). */
export async function killRemoteGroup(client: Client, pid: number, wrap: (line: string) => string, now = false): Promise<void> {
	return new Promise<void>(resolve => {
		const cap = setTimeout(resolve, 6000);
		const done = (): void => {
			clearTimeout(cap);
			resolve();
		};

		try {
			client.exec(wrap(now ? killNowScript(pid) : killScript(pid)), (error, channel) => {
				if (error) {
					done();
					return;
				}

				channel.on('close', done);
				channel.resume();
				channel.stderr.resume();
				channel.end();
			});
		} catch {
			done();
		}
	});
}
