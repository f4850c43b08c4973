import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {shellQuote} from '../../source/domain/shell-quote.js';
import {openTerminal, type Terminal} from '../helpers/tmux.js';
import {readJournalFile} from '../../source/state/journal.js';
import {waitFor} from '../helpers/wait-for.js';
import {cli, ensureCliBuilt, filesUnder, holdSnfManage, runCli, type HeldCommand} from './run-helpers.js';

let work: string;
let terminal: Terminal | undefined;

beforeAll(() => {
	ensureCliBuilt();
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-output-lost-'));
});

afterEach(() => {
	terminal?.close();
	terminal = undefined;
});

afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

type Steps = Record<string, Record<string, {status: string}>>;

const journalSteps = (state: string): Steps => {
	return readJournalFile(filesUnder(path.join(state, 'journals')).find(file => file.endsWith('.json'))!)!.steps as Steps;
};

const statuses = (steps: Steps) => Object.values(steps).flatMap(hosts => Object.values(hosts).map(entry => entry.status));

const transcriptOf = (state: string) => fs.readFileSync(filesUnder(path.join(state, 'transcripts')).at(-1)!, 'utf8');

async function freshSandbox(name: string): Promise<{sandbox: string; state: string}> {
	const sandbox = path.join(work, name, 'sb');
	const state = path.join(work, name, 'state');
	expect((await runCli(['sandbox', sandbox])).code).toBe(0);
	return {sandbox, state};
}

/** The rerun finishes the upgrade and the sandbox verifies: the stop left nothing half done. */
async function rerunCompletes(sandbox: string, state: string) {
	const rerun = await runCli(['run', '--yes', '--answers', path.join(sandbox, 'answers.json'), '--state-dir', state]);
	expect(rerun.stderr).not.toContain('failed on');
	expect(rerun.code).toBe(0);
	const verify = await runCli(['sandbox', 'verify', sandbox]);
	expect(verify.stdout).not.toMatch(/FAIL/);
	expect(verify.code).toBe(0);
}

describe('stdout or the terminal going away during run --yes', () => {
	it('run --yes | head -n 5: no crash, the running step finishes, the run stops at the step boundary (exit 5), the journal is whole', async () => {
		const {sandbox, state} = await freshSandbox('pipe');
		const statusFile = path.join(work, 'pipe', 'status');
		// A real pipe that its reader closes after five lines; the shell records snf-upgrade's own exit status.
		const script = `{ "$@"; echo $? > ${shellQuote(statusFile)}; } | head -n 5 > /dev/null`;
		const child = spawn('sh', ['-c', script, 'sh', process.execPath, cli, 'run', '--yes', '--answers', path.join(sandbox, 'answers.json'), '--state-dir', state], {
			env: {...process.env, CI: 'true'},
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		await new Promise(resolve => child.on('close', resolve));
		expect(stderr).not.toMatch(/EPIPE\n\s+at |Unhandled 'error' event|node:internal/);
		expect(stderr).toContain('stdout went away');
		expect(Number(fs.readFileSync(statusFile, 'utf8'))).toBe(5);
		const steps = journalSteps(state);
		expect(statuses(steps)).not.toContain('running');
		expect(statuses(steps)).not.toContain('unknown');
		expect(statuses(steps)).toContain('done');
		expect(transcriptOf(state)).toMatch(/stdout went away .*EPIPE/);
		expect(transcriptOf(state)).toMatch(/run finished: interrupted/);
		await rerunCompletes(sandbox, state);
	}, 600_000);

	it('the terminal hangs up mid-step (tmux kill-session): the held step still completes, the run stops at the boundary (exit 5), no crash', async () => {
		const {sandbox, state} = await freshSandbox('pty');
		const held: HeldCommand = holdSnfManage(sandbox, path.join(work, 'pty'), 'astakos', 'oauth2-client-add');
		const statusFile = path.join(work, 'pty', 'status');
		// The recording shell ignores the hang-up so it outlives it; node resets the disposition and gets SIGHUP.
		const script = `trap '' HUP; "$@"; echo $? > ${shellQuote(statusFile)}`;
		terminal = openTerminal(['sh', '-c', script, 'sh', process.execPath, cli, 'run', '--yes', '--answers', path.join(sandbox, 'answers.json'), '--state-dir', state], {cwd: work});
		try {
			await waitFor(held.started, 'oauth2-client-add to start', 240_000);
			await terminal.waitForScreen(/oauth-client @ astakos: running/, 'the step on screen');
			terminal.close();
			terminal = undefined;
			held.release();
			await waitFor(() => fs.existsSync(statusFile) && fs.readFileSync(statusFile, 'utf8').endsWith('\n'), 'snf-upgrade to exit', 240_000);
		} finally {
			held.release();
		}

		expect(Number(fs.readFileSync(statusFile, 'utf8'))).toBe(5);
		expect(held.finished()).toBe(true);
		const steps = journalSteps(state);
		expect(steps['oauth-client']!.astakos!.status).toBe('done');
		expect(statuses(steps)).not.toContain('running');
		expect(statuses(steps)).not.toContain('unknown');
		const transcript = transcriptOf(state);
		expect(transcript).toMatch(/SIGHUP|went away/);
		expect(transcript).toMatch(/run finished: interrupted/);
		await rerunCompletes(sandbox, state);
	}, 600_000);
});
