import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {testHost} from '../../source/commands/wizard/host-test.js';
import {openDeployment} from '../../source/commands/wizard/open-deployment.js';
import {journalCheckOfSshHost} from '../e2e/unreachable-host.js';
import {silentServer, type SilentServer} from '../helpers/silent-server.js';
import {sshHost, startSshd} from '../helpers/sshd.js';
import {waitFor} from '../helpers/wait-for.js';
import {ensureBuilt} from '../sandbox/helpers.js';

let work: string | undefined;
let server: SilentServer | undefined;
beforeAll(() => {
	ensureBuilt();
});
afterEach(() => {
	server?.close();
	server = undefined;
	if (work !== undefined) {
		fs.rmSync(work, {recursive: true, force: true});
		work = undefined;
	}
});
/** The wizard's deployment of a sandbox whose astakos is a server that accepts and says nothing; its journal recorded astakos's identity, so the welcome's check reads it from that host (the others are not read). */
async function deploymentOfSilentHost() {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-wizard-close-'));
	server = await silentServer();
	const {answersFile, paths} = journalCheckOfSshHost(work, server.port);
	return openDeployment({
		stateDirectory: paths.root, paths, answersFile, env: {}, description: 'test', acceptNewHostKeys: false, parallel: 4,
		readDefaults: async () => new Map(),
	});
}


describe('the wizard\'s deployment closed while a read of a host that never answers is under way (real sandbox answers, a real TCP server that accepts and says nothing)', () => {
	it('close() gives the pending connect up: the check ends at once (cannot tell), close returns, and no host is read after it', async () => {
		const deployment = await deploymentOfSilentHost();

		let settled = false;
		const check = deployment.checkJournal().finally(() => {
			settled = true;
		});
		await waitFor(() => server!.accepted.length === 1, 'the check to connect to astakos', 20_000);
		await deployment.close();
		// The connect timeout is 15 s: only giving the connect up ends the check this soon.
		await waitFor(() => settled, 'the check to end once the deployment is closed', 5000);
		expect(await check).toBeUndefined();
		await expect(deployment.checkJournal()).rejects.toThrow('the wizard has ended: nothing more is read from the hosts');
		await expect(deployment.readDefaults()).rejects.toThrow('the wizard has ended');
		expect(server!.accepted).toHaveLength(1);
	}, 60_000);

	it('close() during the connection test of a host that never answers: the test ends at once (not reachable), and none starts after it', async () => {
		const deployment = await deploymentOfSilentHost();
		let asked = 0;
		const ask = async () => {
			asked++;
			return false;
		};

		let settled = false;
		const tested = deployment.testHost('astakos', ask).finally(() => {
			settled = true;
		});
		await waitFor(() => server!.accepted.length === 1, 'the connection test to connect to astakos', 20_000);
		await deployment.close();
		// The connect timeout is 15 s: only giving the connect up ends the test this soon.
		await waitFor(() => settled, 'the connection test to end once the deployment is closed', 5000);
		expect(await tested).toMatchObject({reachable: false, problem: expect.stringContaining('given up') as unknown});
		expect(await deployment.testHost('astakos', ask)).toEqual({reachable: false, hostKey: 'not checked', problem: 'not tested: the wizard has ended'});
		expect(asked).toBe(0);
		expect(server!.accepted).toHaveLength(1);
	}, 60_000);

	it('the wizard ending while the connection test asks about an unknown host key (a real sshd): the test ends, the question left unanswered', async () => {
		const sshd = await startSshd();
		try {
			const empty = path.join(sshd.dir, 'known_hosts_empty');
			fs.writeFileSync(empty, '');
			const closing = new AbortController();
			let asked = 0;
			// The admin never answers: the wizard has gone (its screen unmounted) before they did.
			const ask = async () => {
				asked++;
				return new Promise<boolean>(() => {});
			};

			let settled = false;
			const tested = testHost(sshHost(sshd), ask, {knownHostsPath: empty, homeDir: path.join(sshd.dir, 'home'), closing: closing.signal}).finally(() => {
				settled = true;
			});
			await waitFor(() => asked === 1, 'the host key question', 20_000);
			closing.abort();
			// The handshake timer stands still while the admin reads a fingerprint: without giving it up, sshd's LoginGraceTime (120 s) would end it.
			await waitFor(() => settled, 'the connection test to end once the wizard ends', 5000);
			expect(await tested).toMatchObject({reachable: false, problem: expect.stringContaining('given up') as unknown});
			expect(fs.readFileSync(empty, 'utf8')).toBe('');
		} finally {
			await sshd.stop();
		}
	}, 60_000);
});
