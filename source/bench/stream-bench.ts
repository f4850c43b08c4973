import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {round, type BenchModule} from './bench-types.js';
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

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Each figure is the median of this many runs: one run of each on a loaded 2-core machine varies by 2–3×. */
const rounds = 3;

/**
 * A million lines through the run screen, against cat of the same lines to a pty right before it (the
 * ratio of each pair, median of the rounds); peak memory at 1 M and 10 k lines (medians).
 */
const streamBench: BenchModule = async emit => {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-bench-stream-'));
	try {
		const file = path.join(work, 'lines');
		fs.writeFileSync(file, Array.from({length: 1_000_000}, (_, index) => `${index + 1}\n`).join(''));
		const ratios: number[] = [];
		const millionRss: number[] = [];
		const tenThousandRss: number[] = [];
		for (let pass = 0; pass < rounds; pass++) {
			const cat = await runInPty(['cat', file]).exited();
			const million = await showThroughRunScreen(work, 1_000_000);
			ratios.push(million.wall / cat);
			millionRss.push(million.rssMb);
			tenThousandRss.push((await showThroughRunScreen(work, 10_000)).rssMb);
		}

		emit({name: 'stream-1m-vs-cat', value: round(median(ratios)), unit: 'ratio', target: '<= 2'});
		emit({name: 'stream-rss-mb', value: round(median(millionRss), 0), unit: 'MB', target: '<= 150'});
		emit({name: 'stream-rss-flatness', value: round(median(millionRss) / median(tenThousandRss)), unit: 'ratio', target: '<= 1.3'});
	} finally {
		fs.rmSync(work, {recursive: true, force: true});
	}
};

export default streamBench;
