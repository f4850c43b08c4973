import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {median, round, type BenchModule} from './bench-types.js';
import {runInPty, wallMs, type PtyProgram} from './pty-run.js';

const cli = fileURLToPath(new URL('../cli.js', import.meta.url));
const node = process.execPath;
const runs = 7;

function percentile(values: readonly number[], fraction: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

/** The welcome's last line: Ink writes a frame at once, so once it shows the whole first frame is on screen. */
const welcomeDrawn = /letter shortcut · Ctrl\+C quit/;

interface FirstFrames {
	/** No deployment configured (a fresh state directory). */
	readonly bare: number;
	/** `--answers FILE` (a sandbox's) into a fresh state directory: the welcome while the answers are taken in. */
	readonly configured: number;
	/** The same, until the sections' states from the journal are on the welcome. */
	readonly states: number;
	readonly node: number;
}

/** Medians over `runs` of the wizard's first complete welcome frame in a pty, each beside bare node's first output. */
async function firstFrames(work: string, answersFile: string): Promise<FirstFrames> {
	const bare: number[] = [];
	const configured: number[] = [];
	const states: number[] = [];
	const baseline: number[] = [];
	for (let run = 0; run < runs; run++) {
		const none = runInPty([node, cli, '--state-dir', path.join(work, `first-frame-${run}`)]);
		bare.push(await none.until(welcomeDrawn));
		none.kill();
		await none.exited();
		const given = runInPty([node, cli, '--answers', answersFile, '--state-dir', path.join(work, `first-frame-configured-${run}`)]);
		configured.push(await given.until(welcomeDrawn));
		states.push(await given.until(/Resume at \d/));
		given.kill();
		await given.exited();
		const nodeAlone = runInPty([node, '-e', 'process.stdout.write("ready\\n")']);
		baseline.push(await nodeAlone.until(/ready/));
		await nodeAlone.exited();
	}

	return {bare: median(bare), configured: median(configured), states: median(states), node: median(baseline)};
}

const pause = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

/** Waits until the program has written nothing for `quietMs`; returns what it wrote meanwhile. */
async function settled(program: PtyProgram, quietMs = 400): Promise<string> {
	let text = '';
	for (;;) {
		await pause(quietMs);
		const more = program.take();
		if (more === '') {
			return text;
		}

		text += more;
	}
}

/**
 * Keys typed into the first text question of a sandbox's sections (review the answers, Enter through the screens
 * before it): ms from each key to the program's next write (the redraw), x and Backspace in turn.
 */
async function keypresses(work: string, answersFile: string): Promise<number[]> {
	const program = runInPty([node, cli, '--answers', answersFile, '--state-dir', path.join(work, 'keys-state')]);
	try {
		await program.until(/letter shortcut/);
		await settled(program);
		program.type('a');
		let screen = await settled(program);
		for (let step = 0; !screen.includes('Home/End move'); step++) {
			if (step === 40) {
				throw new Error('keypress bench: no text question within 40 screens');
			}

			program.type('\r');
			screen = await settled(program);
		}

		const latencies: number[] = [];
		for (let key = 0; key < 60; key++) {
			const redraw = program.nextOutput();
			program.type(key % 2 === 0 ? 'x' : '\u007F');
			latencies.push(await redraw);
			await settled(program, 60);
		}

		return latencies;
	} finally {
		program.kill();
		await program.exited();
	}
}

/** Start-up and typing figures of the wizard in a real pty, beside `node -e 0`. */
const wizardBench: BenchModule = async emit => {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-bench-wizard-'));
	try {
		const version = median(Array.from({length: runs}, () => wallMs([node, cli, '--version'])));
		const bare = median(Array.from({length: runs}, () => wallMs([node, '-e', '0'])));
		emit({name: 'version-vs-node', value: round(version / bare), unit: 'ratio', target: '<= 1.5'});
		const {createSandbox} = await import('../sandbox/create-sandbox.js');
		const sandbox = createSandbox(path.join(work, 'sandbox'));
		const frames = await firstFrames(work, sandbox.answersFile);
		emit({name: 'first-frame-ms', value: round(frames.bare, 0), unit: 'ms', target: null});
		emit({name: 'first-frame-vs-node', value: round(frames.bare / frames.node), unit: 'ratio', target: '<= 2.5'});
		emit({name: 'first-frame-configured-vs-node', value: round(frames.configured / frames.node), unit: 'ratio', target: '<= 2.5'});
		emit({name: 'welcome-states-ms', value: round(frames.states, 0), unit: 'ms', target: null});
		const latencies = await keypresses(work, sandbox.answersFile);
		emit({name: 'keypress-p95-ms', value: round(percentile(latencies, 0.95), 1), unit: 'ms', target: '<= 50'});
	} finally {
		fs.rmSync(work, {recursive: true, force: true});
	}
};

export default wizardBench;
