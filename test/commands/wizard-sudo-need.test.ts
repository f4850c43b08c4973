import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {testHost} from '../../source/commands/wizard/host-test.js';
import {reportSudoPasswordNeed} from '../../source/commands/wizard/sudo-need.js';
import type {QuestionNeed} from '../../source/domain/answers/sudo-password-need.js';
import type {Host} from '../../source/domain/inventory-types.js';
import {createExecutorPool} from '../../source/runner/executor-pool.js';
import type {ExecutorSource} from '../../source/runner/run-types.js';
import {sshdExecutor, sshHost, startSshd, type Sshd} from '../helpers/sshd.js';
import {createSudoUser, type SudoUser} from '../helpers/ssh-users.js';

describe('the wizard\'s sudo password need, read from real hosts (a real sshd, real sudo users)', () => {
	let sshd: Sshd;
	let nopasswd: SudoUser;
	let withPassword: SudoUser;
	let root: Host;
	let noPasswordNeeded: Host;
	let passwordNeeded: Host;

	beforeAll(async () => {
		sshd = await startSshd();
		nopasswd = createSudoUser(sshd.dir);
		withPassword = createSudoUser(sshd.dir, 'the password');
		root = sshHost(sshd, {id: 'cyclades'});
		noPasswordNeeded = sshHost(sshd, {id: 'pithos', user: nopasswd.name});
		passwordNeeded = sshHost(sshd, {id: 'gnt3', user: withPassword.name});
	});

	afterAll(async () => {
		try {
			nopasswd?.remove();
			withPassword?.remove();
		} finally {
			await sshd?.stop();
		}
	});

	/** Every report, and the hosts whose executors were made (those the check reached for). */
	async function needOf(hosts: readonly Host[]): Promise<{reports: QuestionNeed[]; reached: string[]}> {
		const pool = createExecutorPool(host => sshdExecutor(sshd, {host}));
		const reports: QuestionNeed[] = [];
		try {
			const withPool = async <T>(work: (executors: ExecutorSource) => Promise<T>) => work(pool);
			await reportSudoPasswordNeed(hosts, withPool, 4, need => reports.push(need));
			return {reports, reached: pool.made().map(executor => executor.host.id)};
		} finally {
			await pool.dispose();
		}
	}

	it('root logins only: not needed at once, no host read', async () => {
		const {reports, reached} = await needOf([root]);
		expect(reports).toEqual([{state: 'not needed', why: 'every host is local or logs in as root: no command goes through sudo'}]);
		expect(reached).toEqual([]);
	});

	it('a non-root login whose sudo needs no password (NOPASSWD): checked, then not needed; the root login is not read', async () => {
		const {reports, reached} = await needOf([root, noPasswordNeeded]);
		expect(reports.map(need => need.state)).toEqual(['checking', 'not needed']);
		expect(reports[0]!.why).toBe('Checking whether sudo asks for a password on pithos…');
		expect(reached).toEqual(['pithos']);
	});

	it('a non-root login whose sudo asks for a password: needed, naming that host only', async () => {
		const {reports} = await needOf([root, noPasswordNeeded, passwordNeeded]);
		expect(reports.map(need => need.state)).toEqual(['checking', 'needed']);
		expect(reports[1]!.why).toBe('Asked because sudo asks for a password on gnt3: without it their commands as root fail (sudo -n).');
	});

	it('a host the check cannot reach: needed, saying it cannot tell', async () => {
		const closed: Host = {...sshHost(sshd, {id: 'gnt9', user: nopasswd.name, port: 1})};
		const {reports} = await needOf([noPasswordNeeded, closed]);
		expect(reports.at(-1)!.state).toBe('needed');
		expect(reports.at(-1)!.why).toMatch(/^Asked because cannot tell on gnt9 \(.*\)\. Leave it empty if sudo there needs none\.$/);
	});

	it('the connection test tells the three apart: root, sudo -n, sudo that asks for a password', async () => {
		const home = path.join(sshd.dir, 'home-connection-test');
		fs.mkdirSync(path.join(home, '.ssh'), {recursive: true});
		fs.writeFileSync(path.join(home, '.ssh', 'config'), `Host *\n  IdentityFile ${sshd.clientKey}\n`);
		const refuseNewKeys = async () => false;
		const checks = await Promise.all([root, noPasswordNeeded, passwordNeeded].map(async host => testHost(host, refuseNewKeys, {knownHostsPath: sshd.knownHosts, homeDir: home})));
		expect(checks).toEqual([
			{reachable: true, loginUser: 'root', root: 'root', hostKey: 'known'},
			{reachable: true, loginUser: nopasswd.name, root: 'sudo -n', hostKey: 'known'},
			{reachable: true, loginUser: withPassword.name, root: 'sudo asks for a password', hostKey: 'known'},
		]);
	});
});
