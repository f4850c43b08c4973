import React from 'react';
import type {render} from 'ink-testing-library';
import {expect} from 'vitest';
import type {RunEvent} from '../../source/runner/events.js';
import type {RunResult} from '../../source/runner/run-types.js';
import type {RunHooks} from '../../source/ui/run/run-hooks.js';
import {RunScreen} from '../../source/ui/run/run-screen.js';
import {ScrollbackProvider} from '../../source/ui/scrollback.js';
import {waitFor} from '../helpers/wait-for.js';

export interface RunScreenDriving {
	/** Draws the tree (the test's render, which cleans up after it). */
	readonly show: (tree: React.ReactElement) => ReturnType<typeof render>;
	readonly stepMode?: boolean;
	/** Where every event of the run is kept (a new array by default). */
	readonly events?: RunEvent[];
	/** How long finished() waits (waitFor's default when left out). */
	readonly finishMs?: number;
}

/** The real RunScreen running `start` (the runner behind it is the test's); every event kept, the frames read and keys typed. */
export function driveRunScreen<Result extends RunResult>(start: (hooks: RunHooks) => Promise<Result>, driving: RunScreenDriving) {
	const events = driving.events ?? [];
	let finished: Result | undefined;
	let crashed: unknown;
	const app = driving.show(
		<ScrollbackProvider>
			<RunScreen
				stepMode={driving.stepMode ?? false}
				start={async hooks => start({...hooks, onEvent(event) {
					events.push(event);
					hooks.onEvent(event);
				}})}
				onFinished={result => {
					finished = result;
				}}
				onError={error => {
					crashed = error;
				}}
			/>
		</ScrollbackProvider>,
	);
	const frame = () => app.lastFrame() ?? '';
	return {
		events,
		frame,
		/** Every frame drawn so far. */
		everything: () => app.frames.join('\n'),
		async screen(pattern: RegExp, what: string) {
			await waitFor(() => pattern.test(frame()), () => `${what} (last frame:\n${frame()})`);
			return frame();
		},
		async finished() {
			await waitFor(() => finished !== undefined || crashed !== undefined, () => `the run to finish (last frame:\n${frame()})`, driving.finishMs);
			expect(crashed).toBeUndefined();
			return finished!;
		},
		press(keys: string) {
			app.stdin.write(keys);
		},
	};
}
