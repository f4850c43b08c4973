import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openJournal} from '../../source/state/journal.js';
import {answersFileHosts} from './held-lock.js';
import {cli, ensureCliBuilt, runCli, runCollected, type CliResult} from './run-helpers.js';

/** The built CLI as the unprivileged user nobody (root passes every permission check). */
async function runAsNobody(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
	return runCollected('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cli, ...args], env);
}

let parent: string;
let sandbox: string;
/** The sandbox's answers, readable by nobody. */
let answers: string;

beforeAll(async () => {
	ensureCliBuilt();
	parent = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-messages-'));
	fs.chmodSync(parent, 0o755);
	sandbox = path.join(parent, 'sb');
	expect((await runCli(['sandbox', sandbox])).code).toBe(0);
	answers = path.join(parent, 'answers.json');
	fs.copyFileSync(path.join(sandbox, 'answers.json'), answers);
	fs.chmodSync(answers, 0o644);
}, 120_000);

afterAll(() => {
	fs.rmSync(parent, {recursive: true, force: true});
});

/** One message on stderr, no stack trace. */
function expectMessage(result: CliResult, code: number, text: string | RegExp) {
	expect(result.stderr).toMatch(text);
	expect(result.stderr).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m);
	expect(result.stderr).not.toMatch(/node:internal|Error: E[A-Z]+:/);
	expect(result.code).toBe(code);
}

describe('messages, not stack traces', () => {
	it('a state dir that is not writable: "permission denied in DIR", not "damaged", and no file claimed', async () => {
		const state = path.join(parent, 'root-owned');
		fs.mkdirSync(state, {mode: 0o755});
		const result = await runAsNobody(['run', '--yes', '--answers', answers, '--state-dir', state]);
		// The run's first write is its transcript (the answers are taken in only once the deployment lock is held).
		expectMessage(result, 2, new RegExp(`^snf-upgrade: permission denied in ${state}/transcripts \\(EACCES\\): ${state}/transcripts/\\S+-run\\.log was not written`, 'm'));
		expect(result.stderr).not.toContain('damaged');
		expect(fs.readdirSync(state)).toEqual([]);
		expect(result.stderr).toContain('give --state-dir DIR elsewhere');
	});

	it('a state dir that is a regular file says so', async () => {
		const state = path.join(parent, 'a-file');
		fs.writeFileSync(state, 'not a directory\n');
		const result = await runCli(['run', '--yes', '--answers', answers, '--state-dir', state]);
		expectMessage(result, 2, `snf-upgrade: the state directory ${state} is not a directory (a file is in the way)`);
		expect(fs.readFileSync(state, 'utf8')).toBe('not a directory\n');
	});

	it('a full state dir: "no space left in DIR", and no 2-byte answers.json left behind', async () => {
		const disk = path.join(parent, 'full');
		fs.mkdirSync(disk);
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk]);
		try {
			const fd = fs.openSync(path.join(disk, 'filler'), 'w');
			try {
				for (;;) {
					fs.writeSync(fd, Buffer.alloc(4096, 1));
				}
			} catch {
				// ENOSPC: the disk is full.
			} finally {
				fs.closeSync(fd);
			}

			const state = path.join(disk, 'state');
			const result = await runCli(['run', '--yes', '--answers', answers, '--state-dir', state]);
			expectMessage(result, 1, new RegExp(`^snf-upgrade: no space left in ${state}/transcripts \\(ENOSPC\\): ${state}/transcripts/\\S+-run\\.log was not written`, 'm'));
			expect(result.stderr).not.toContain('preflight');
			expect(result.stderr).not.toContain('damaged');
			expect(fs.existsSync(path.join(state, 'answers.json'))).toBe(false);
		} finally {
			execFileSync('umount', [disk]);
		}
	});

	it('plan > /dev/full says the output could not be written (exit 1)', async () => {
		const result = await new Promise<CliResult>((resolve, reject) => {
			const full = fs.openSync('/dev/full', 'w');
			const child = spawn(process.execPath, [cli, 'plan', '--answers', answers], {env: {...process.env, CI: 'true'}, stdio: ['ignore', full, 'pipe']});
			fs.closeSync(full);
			let stderr = '';
			child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			child.on('error', reject);
			child.on('close', (code, signal) => resolve({code, signal, stdout: '', stderr}));
		});
		expectMessage(result, 1, 'snf-upgrade: the output could not be written (ENOSPC: no space left on the device it goes to); what was printed is incomplete.');
	});

	it('rehearse with a HOME that cannot be written says where and what to do', async () => {
		const home = path.join(parent, 'home');
		fs.mkdirSync(home, {mode: 0o755});
		const result = await runAsNobody(['rehearse'], {HOME: home, XDG_CONFIG_HOME: ''});
		expectMessage(result, 2, /^snf-upgrade: permission denied in .*\/home\/\.config\/snf-upgrade\/rehearsals \(EACCES\)/m);
		expect(result.stderr).toContain('give --state-dir DIR elsewhere');
	});

	it.each([
		['empty', '', 'it is empty'],
		['damaged', '{"version": 1, "hosts": {', 'not valid JSON'],
		['of the wrong shape', '{"version": 1}', 'not a sandbox state'],
	])('sandbox verify when state.json is %s names the file and says how to get a new sandbox', async (_what, text, problem) => {
		const copy = path.join(parent, `verify-${problem.replaceAll(' ', '-')}`);
		fs.cpSync(sandbox, copy, {recursive: true});
		fs.writeFileSync(path.join(copy, 'state.json'), text);
		const result = await runCli(['sandbox', 'verify', copy]);
		expectMessage(result, 2, `snf-upgrade: ${copy}/state.json is damaged: ${problem}`);
		expect(result.stderr).toContain(`snf-upgrade sandbox ${copy} --force`);
	});

	it('plan with 200,000 pool networks renders them all (no stack overflow in render-text)', async () => {
		const document = JSON.parse(fs.readFileSync(answers, 'utf8')) as {answers: Record<string, unknown>};
		document.answers.floatingIpPoolNetworks = Array.from({length: 200_000}, (_unused, index) => String(index + 1));
		const big = path.join(parent, 'big-answers.json');
		fs.writeFileSync(big, JSON.stringify(document));
		const result = await runCli(['plan', '--answers', big]);
		expect(result.stderr).not.toContain('Maximum call stack');
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/\b200000\b/);
	}, 120_000);

	it('an unknown option is named, with a pointer to --help', async () => {
		const result = await runCli(['plan', '--frobnicate', '--answers', answers]);
		expectMessage(result, 2, 'snf-upgrade: unknown option --frobnicate\n  `snf-upgrade --help` lists the options.\n');
		expect((await runCli(['run', '--yes', '--no-such', '-x'])).stderr).toContain('unknown options --no-such, -x');
		expect((await runCli(['plan', '--no-color', '--answers', answers])).code).toBe(0);
	});

	it('a string option without its value, or a boolean given one, is a message (exit 2), and nothing runs', async () => {
		const state = path.join(parent, 'bad-usage-state');
		expectMessage(await runCli(['run', '--yes', '--answers', answers, '--state-dir']), 2, 'snf-upgrade: option --state-dir needs a value\n  Give it as --state-dir DIR.\n');
		expectMessage(await runCli(['run', '--yes=no', '--answers', answers, '--state-dir', state]), 2, 'snf-upgrade: option --yes takes no value (--yes=no)\n');
		expect(fs.existsSync(state)).toBe(false);
	});

	it('--help or --version beside a command prints it and runs nothing (meow ran the command), exit 0', async () => {
		const state = path.join(parent, 'help-state');
		const help = await runCli(['run', '--yes', '--answers', answers, '--state-dir', state, '--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toMatch(/^\n {2}A terminal wizard that carries a Synnefo administrator[^\n]*\n\n {2}Usage\n/);
		expect(help.stdout).toContain('    --help, --version\n');
		const version = await runCli(['run', '--yes', '--version', '--answers', answers, '--state-dir', state]);
		expect(version).toMatchObject({code: 0, stderr: ''});
		expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
		expect(fs.existsSync(state)).toBe(false);
	});

	it('--parallel abc names the value, never "NaN"', async () => {
		const result = await runCli(['run', '--yes', '--parallel', 'abc', '--answers', answers, '--state-dir', path.join(parent, 'parallel')]);
		expectMessage(result, 2, 'run: --parallel "abc": expected a whole number of at least 1');
		expect(result.stderr).not.toContain('NaN');
	});

	it('status never prints "(updated undefined)"', async () => {
		const state = path.join(parent, 'status-state');
		const journal = openJournal(path.join(state, 'journals'), answersFileHosts(answers).map(host => host.label));
		const {updatedAt: _dropped, ...withoutDate} = {...journal.data(), steps: {'stop-services': {astakos: {status: 'done'}}}};
		fs.mkdirSync(path.dirname(journal.file), {recursive: true});
		fs.writeFileSync(journal.file, JSON.stringify(withoutDate));
		const result = await runCli(['status', '--answers', answers, '--state-dir', state]);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^1 done$/m);
		expect(result.stdout).not.toContain('undefined');
	});

	it('answers --show --answers FILE shows that file, secrets masked', async () => {
		const result = await runCli(['answers', '--show', '--answers', answers, '--state-dir', path.join(parent, 'empty-state')]);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`Answers in ${answers} (given with --answers; with an inventory; secrets masked):`);
		expect(result.stdout).toMatch(/^ {2}vncPassword +••••$/m);
		expect(result.stdout).not.toContain('No saved answers');
		const secret = (JSON.parse(fs.readFileSync(answers, 'utf8')) as {answers: {vncPassword: string}}).answers.vncPassword;
		expect(result.stdout).not.toContain(secret);
	});

	it('after "interrupted … no check", the hint says --from (a plain rerun stops there again)', async () => {
		const state = path.join(parent, 'interrupted-state');
		// resource-visibility (applies once a resource is listed) is a step without a check.
		openJournal(path.join(state, 'journals'), answersFileHosts(answers).map(host => host.label)).set('resource-visibility', 'astakos', {status: 'unknown', detail: 'interrupted'});
		const result = await runCli(['run', '--yes', '--answers', answers, '--state-dir', state, '--set', 'resourcesUiVisible=cyclades.total_cpu']);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('resource-visibility was interrupted on astakos in an earlier run, and it has no check');
		expect(result.stderr).toMatch(/^ {2}next: Check .* Then run again with --from resource-visibility to run it again, or with --from \S+ to continue after it/m);
		expect(result.stderr).not.toContain('then run again: done steps are skipped');
	}, 60_000);
});
