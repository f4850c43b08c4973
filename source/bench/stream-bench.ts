import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {round, type BenchModule} from './bench-types.js';
import type {LongLineChildInput, LongLineChildOutput} from './long-line-child.js';
import {runInPty} from './pty-run.js';

// Bundled as the wizard is (npm run build): the run screen is measured as the admin runs it, not tsc's module tree.
const streamRun = fileURLToPath(new URL('../bench-bundle/stream-run.js', import.meta.url));

/** Wall ms and peak RSS (MB) of the run screen showing `seq 1 LINES` in a 80×24 pty; checks the transcript has every line. */
async function showThroughRunScreen(work: string, lines: number): Promise<{wall: number; rssMb: number}> {
	const directory = fs.mkdtempSync(path.join(work, `stream-${lines}-`));
	const wall = await runInPty([process.execPath, streamRun, String(lines), directory], {NODE_ENV: 'production'}).exited();
	const [transcript] = fs.readdirSync(path.join(directory, 'transcripts'));
	const text = fs.readFileSync(path.join(directory, 'transcripts', transcript!), 'utf8');
	const shown = text.split('\n').filter(line => /^ {4}\d+$/.test(line));
	if (shown.length !== lines || shown[0] !== '    1' || shown.at(-1) !== `    ${lines}`) {
		throw new Error(`stream bench: the transcript holds ${shown.length} of the ${lines} lines`);
	}

	return {wall, rssMb: Number(fs.readFileSync(path.join(directory, 'rss'), 'utf8')) / 1024};
}

/** Peak RSS (MB) of a run step whose command prints 100 MB on one line (long-line-child.ts); checks its transcript kept all of it. */
async function longLineRss(work: string): Promise<number> {
	const directory = fs.mkdtempSync(path.join(work, 'long-line-'));
	const input: LongLineChildInput = {dir: directory, secrets: ['bench-secret'], script: 'head -c 100000000 /dev/zero | tr \'\\0\' x'};
	const child = fileURLToPath(new URL('long-line-child.js', import.meta.url));
	const {stdout} = await promisify(execFile)(process.execPath, [child, JSON.stringify(input)], {maxBuffer: 1024 * 1024});
	const output = JSON.parse(stdout) as LongLineChildOutput;
	if (output.outcome !== 'done' || fs.statSync(output.transcript).size < 100_000_000) {
		throw new Error(`long-line bench: the run ${output.outcome}, its transcript holds ${fs.statSync(output.transcript).size} bytes`);
	}

	return output.maxRssKb / 1024;
}

/** Peak RSS (MB) of the run screen showing a command that prints 100 MB with no newline; checks its transcript kept all of it. */
async function longLineThroughRunScreen(work: string): Promise<number> {
	const directory = fs.mkdtempSync(path.join(work, 'screen-long-line-'));
	await runInPty([process.execPath, streamRun, '100000000', directory, 'one-line'], {NODE_ENV: 'production'}).exited();
	const [transcript] = fs.readdirSync(path.join(directory, 'transcripts'));
	const size = fs.statSync(path.join(directory, 'transcripts', transcript!)).size;
	if (size < 100_000_000) {
		throw new Error(`stream bench: the transcript of the long line holds ${size} bytes`);
	}

	return Number(fs.readFileSync(path.join(directory, 'rss'), 'utf8')) / 1024;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Each figure is the median of this many runs: one run of each on a loaded 2-core machine varies by 2–3×. */
const rounds = 3;

/**
 * A million lines through the run screen, against cat of the same lines to a pty right before it (the
 * ratio of each pair, median of the rounds); peak memory at 1 M and 10 k lines, and of a run step printing
 * 100 MB with no newline, as `run --yes` and through the run screen (medians).
 */
const streamBench: BenchModule = async emit => {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-bench-stream-'));
	try {
		const file = path.join(work, 'lines');
		fs.writeFileSync(file, Array.from({length: 1_000_000}, (_, index) => `${index + 1}\n`).join(''));
		const ratios: number[] = [];
		const millionRss: number[] = [];
		const tenThousandRss: number[] = [];
		const longLine: number[] = [];
		const longLineScreen: number[] = [];
		for (let pass = 0; pass < rounds; pass++) {
			const cat = await runInPty(['cat', file]).exited();
			const million = await showThroughRunScreen(work, 1_000_000);
			ratios.push(million.wall / cat);
			millionRss.push(million.rssMb);
			tenThousandRss.push((await showThroughRunScreen(work, 10_000)).rssMb);
			longLine.push(await longLineRss(work));
			longLineScreen.push(await longLineThroughRunScreen(work));
		}

		emit({name: 'stream-1m-vs-cat', value: round(median(ratios)), unit: 'ratio', target: '<= 2'});
		emit({name: 'stream-rss-mb', value: round(median(millionRss), 0), unit: 'MB', target: '<= 150'});
		emit({name: 'stream-rss-flatness', value: round(median(millionRss) / median(tenThousandRss)), unit: 'ratio', target: '<= 1.3'});
		emit({name: 'stream-long-line-rss-mb', value: round(median(longLine), 0), unit: 'MB', target: '<= 150'});
		emit({name: 'stream-long-line-screen-rss-mb', value: round(median(longLineScreen), 0), unit: 'MB', target: '<= 150'});
	} finally {
		fs.rmSync(work, {recursive: true, force: true});
	}
};

export default streamBench;
