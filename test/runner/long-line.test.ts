import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {promisify} from 'node:util';
import {afterAll, beforeAll, beforeEach, afterEach, describe, expect, it} from 'vitest';
import type {LongLineChildInput, LongLineChildOutput} from '../../source/bench/long-line-child.js';
import {longLineChars} from '../../source/runner/kept-output.js';
import {lineGoesOn} from '../../source/runner/output-lines.js';
import {generateSecret} from '../../source/state/answers-session.js';
import {buildWhenStale, repo} from '../helpers/build.js';
import {startSshd, type Sshd} from '../helpers/sshd.js';

const child = path.join(repo, 'dist/bench/long-line-child.js');
let sshd: Sshd;
let directory: string;

beforeAll(async () => {
	buildWhenStale('dist/bench/long-line-child.js', ['source']);
	sshd = await startSshd();
}, 240_000);

afterAll(async () => {
	await sshd?.stop();
});

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-long-line-'));
});

afterEach(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

/** The long-line child (source/bench/long-line-child.ts): one run step through the real runner, in a process of its own. */
async function runChild(input: Omit<LongLineChildInput, 'dir'>): Promise<LongLineChildOutput> {
	const {stdout} = await promisify(execFile)(process.execPath, [child, JSON.stringify({...input, dir: directory})], {maxBuffer: 1024 * 1024, timeout: 600_000});
	return JSON.parse(stdout) as LongLineChildOutput;
}

/** `count` times `char` on stdout, no newline (tr of /dev/zero: the shell never holds it). */
const repeated = (char: string, count: number) => `head -c ${count} /dev/zero | tr '\\0' ${char}`;

/**
 * The command's output as the transcript holds it: the indented body lines of its output records (written
 * while it ran, and the rest with its exit status), in order, with the pieces of a cut line joined again
 * (each piece but the last ends with lineGoesOn).
 */
function transcriptOutput(file: string): string {
	const body: string[] = [];
	let output = false;
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		if (line.startsWith('    ')) {
			if (output) {
				body.push(line.slice(4));
			}
		} else {
			output = / (output so far \(it still runs\):|exit \d+)$/.test(line);
		}
	}

	return body.join('\n').replaceAll(`${lineGoesOn}\n`, '');
}

// 100 MB on one line, then the last line on the same stream (stderr may overtake stdout): a secret at 3000 pieces' length less 5 characters (where the cut would fall inside it), then more of the line.
const before = 3000 * longLineChars - 5;
const after = 50_000_000;

/** The long line with a generated secret in it through the child, and what the transcript kept of the output. */
async function printLongLine(ssh?: LongLineChildInput['ssh']): Promise<{output: LongLineChildOutput; kept: string; secret: string}> {
	const secret = generateSecret();
	fs.writeFileSync(path.join(directory, 'secret'), secret);
	const output = await runChild({
		secrets: [secret],
		script: `${repeated('x', before)}; cat ${path.join(directory, 'secret')}; ${repeated('y', after)}; echo; echo 'the end went wrong'; exit 3`,
		...(ssh === undefined ? {} : {ssh}),
	});
	return {output, kept: transcriptOutput(output.transcript), secret};
}

describe('a command printing one very long line', () => {
	it('costs bounded memory, keeps the whole line in the transcript with the secret masked, gives bounded events and the error tail (local)', async () => {
		const {output, kept, secret} = await printLongLine();
		expect(output.outcome).toBe('failed');
		// The child alone is about 65 MB; this run about 100 MB. A held line of 100 MB, redacted and emitted whole, cost 1.4 GB.
		expect(output.maxRssKb).toBeLessThan(200 * 1024);
		expect(output.secretSeen).toBe(false);
		expect(output.outputEvents).toBeGreaterThan((before + after) / (2 * longLineChars));
		expect(output.longestOutputEvent).toBeLessThanOrEqual(2 * longLineChars);
		expect(output.longestPrinted).toBeLessThanOrEqual(2 * longLineChars + 100);
		expect(output.outputTail?.split('\n').at(-1)).toBe('the end went wrong');
		expect(kept.length).toBe(before + '••••'.length + after + '\nthe end went wrong'.length);
		expect(kept.startsWith(`${'x'.repeat(before)}••••y`)).toBe(true);
		expect(kept.endsWith(`${'y'.repeat(1000)}\nthe end went wrong`)).toBe(true);
		expect(kept.includes(secret)).toBe(false);
	}, 600_000);

	it('costs bounded memory over SSH too, with the same transcript and tail', async () => {
		const {output, kept} = await printLongLine({port: sshd.port, user: 'root', clientKey: sshd.clientKey, knownHosts: sshd.knownHosts});
		expect(output.outcome).toBe('failed');
		expect(output.maxRssKb).toBeLessThan(200 * 1024);
		expect(output.secretSeen).toBe(false);
		expect(output.longestOutputEvent).toBeLessThanOrEqual(2 * longLineChars);
		expect(output.outputTail?.split('\n').at(-1)).toBe('the end went wrong');
		expect(kept.length).toBe(before + '••••'.length + after + '\nthe end went wrong'.length);
		expect(kept.startsWith(`${'x'.repeat(before)}••••y`)).toBe(true);
	}, 600_000);
});
