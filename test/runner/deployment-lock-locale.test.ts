import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {buildWhenStale, repo} from '../helpers/build.js';

let work: string;

beforeAll(() => {
	buildWhenStale('dist/runner/deployment-lock.js', ['source']);
}, 120_000);

beforeEach(() => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-lock-locale-'));
});

afterEach(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

// The built lock in a process of its own (the locale of a process is fixed when it starts): real local
// executors, every command's host written down in order; prints the host the lock went to first.
const firstLockedHost = `
import fs from 'node:fs';
import path from 'node:path';
import {lockDeployment} from ${JSON.stringify(path.join(repo, 'dist/runner/deployment-lock.js'))};
import {createLocalExecutor} from ${JSON.stringify(path.join(repo, 'dist/executors/local-executor.js'))};
const [work, run] = process.argv.slice(1);
const hosts = ['zeta', 'aalborg', 'bergen'].map(id => {
	fs.mkdirSync(path.join(work, run, id), {recursive: true});
	return {id, label: id, sudo: false, target: {kind: 'local', root: path.join(work, run, id), env: {}}};
});
const started = [];
const executors = {get(host) {
	const real = createLocalExecutor(host);
	return {host, run: async (line, options) => (started.push(host.id), real.run(line, options)), dispose: async () => real.dispose()};
}};
const lock = await lockDeployment({hosts, executors, holder: {run, user: 'admin', machine: 'm', pid: process.pid, since: 'now', stateDir: '/s'}, breakLock: false, runsHere: () => true, thisMachine: 'm', waitMs: 1000});
if (!lock.ok) throw new Error(lock.problems.join('; '));
await lock.release();
process.stdout.write(started[0]);
`;

const firstHostUnder = (locale: string) => execFileSync(process.execPath, ['--input-type=module', '-e', firstLockedHost, work, locale], {
	encoding: 'utf8',
	env: {...process.env, LANG: locale, LC_ALL: locale},
});

describe('the deployment lock\'s order of hosts', () => {
	// Danish collation sorts "aa" (å) after "z": two admins with different locales would start at different
	// hosts, and two runs of the same hosts started together would each hold half and both be refused.
	it('is the same whatever the locale of the admin\'s shell: the first host by id is locked first under C, English and Danish', () => {
		expect(['C.UTF-8', 'en_US.UTF-8', 'da_DK.UTF-8'].map(locale => firstHostUnder(locale))).toEqual(['aalborg', 'aalborg', 'aalborg']);
	}, 60_000);
});
