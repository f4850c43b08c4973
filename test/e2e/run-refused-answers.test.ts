import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {answersFileHosts, holdLock} from './held-lock.js';
import {ensureCliBuilt, filesUnder, runCli} from './run-helpers.js';
import {answersWithUnreachableHost} from './unreachable-host.js';

let work: string;
let sandbox: string;

beforeAll(async () => {
	ensureCliBuilt();
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-refused-answers-'));
	sandbox = path.join(work, 'sb');
	expect((await runCli(['sandbox', sandbox])).code).toBe(0);
}, 120_000);

afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

type Document = {answers: Record<string, unknown>; inventory: unknown};

/** The sandbox's answers file with `change` made to its answers, written beside it. */
function answersWith(name: string, change: (answers: Record<string, unknown>) => Record<string, unknown>): string {
	const document = JSON.parse(fs.readFileSync(path.join(sandbox, 'answers.json'), 'utf8')) as Document;
	const file = path.join(work, name);
	fs.writeFileSync(file, JSON.stringify({...document, answers: change(document.answers)}));
	return file;
}

/** What the state directory keeps of the answers and the journal, byte for byte. */
const kept = (state: string) => Object.fromEntries(filesUnder(state).filter(file => file.endsWith('answers.json') || file.includes(`${path.sep}journals${path.sep}`)).map(file => [path.relative(state, file), fs.readFileSync(file, 'utf8')]));

describe('a refused run --yes changes nothing in the state directory', () => {
	it('while admin A\'s run holds the lock, admin B\'s run with other answers (same state dir) is refused (exit 4) and A\'s saved answers and journal stay as they were; refused for its answers (exit 2) or an unreachable host (exit 3) neither; once the lock is free B\'s answers are taken in', async () => {
		const state = path.join(work, 'state');
		const run = (answers: string, ...flags: string[]) => runCli(['run', '--yes', '--answers', answers, '--state-dir', state, ...flags]);
		// Admin A's answers and journal, from a run of section 0.
		const first = await run(path.join(sandbox, 'answers.json'), '--only', 'pre-upgrade');
		expect(first.stderr).not.toContain('failed');
		expect(first.code).toBe(0);
		const before = kept(state);
		expect(Object.keys(before)).toContain('answers.json');
		expect(Object.keys(before).some(file => file.startsWith('journals'))).toBe(true);

		const given = answersWith('admin-b.json', answers => ({...answers, vncServerPort: 5999}));
		const holder = await holdLock(answersFileHosts(path.join(sandbox, 'answers.json')), 'admin-a-run', process.pid, state);
		try {
			const refused = await run(given, '--set', 'vncUser=admin_b');
			expect(refused.stderr).toContain('refused: one run at a time on a deployment');
			expect(refused.code).toBe(4);
			expect(kept(state)).toEqual(before);
		} finally {
			await holder.release();
		}

		// Refused for its answers (one the hosts contradict, after the preflight; one the file has wrong, before anything) or a host not reached.
		const contradicting = await run(answersWith('contradicting.json', answers => ({...answers, astakosBaseUrl: 'https://accounts.elsewhere.example.org/'})));
		expect(contradicting.stderr).toContain('the answers contradict the deployment');
		expect(contradicting.code).toBe(2);
		const unreachable = await run(answersWithUnreachableHost(given, 'ganeti2-master', path.join(work, 'unreachable.json')));
		expect(unreachable.stderr).toContain('preflight failed, nothing was run');
		expect(unreachable.code).toBe(3);
		const wrong = await run(answersWith('wrong.json', answers => ({...answers, vncServerPort: 'five'})));
		expect(wrong.stderr).toContain('vncServerPort');
		expect(wrong.code).toBe(2);
		expect(kept(state)).toEqual(before);

		// The lock free: B's run goes ahead and its answers are the saved ones (nothing given was lost).
		const afterwards = await run(given, '--set', 'vncUser=admin_b', '--only', 'pre-upgrade');
		expect(afterwards.code).toBe(0);
		const saved = (JSON.parse(fs.readFileSync(path.join(state, 'answers.json'), 'utf8')) as Document).answers;
		expect([saved.vncServerPort, saved.vncUser]).toEqual([5999, 'admin_b']);
	}, 300_000);
});
