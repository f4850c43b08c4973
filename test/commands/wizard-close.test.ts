import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {openDeployment} from '../../source/commands/wizard/open-deployment.js';
import {journalCheckOfSshHost} from '../e2e/unreachable-host.js';
import {silentServer, type SilentServer} from '../helpers/silent-server.js';
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

describe('the wizard\'s deployment closed while the welcome\'s journal check reads a host that never answers (real sandbox answers, a real TCP server that accepts and says nothing)', () => {
	it('close() gives the pending connect up: the check ends at once (cannot tell), close returns, and no host is read after it', async () => {
		work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-wizard-close-'));
		server = await silentServer();
		// A journal that recorded astakos's identity: the welcome's check reads it from the host (the others are not read).
		const {answersFile, paths} = journalCheckOfSshHost(work, server.port);
		const deployment = openDeployment({
			stateDirectory: paths.root, paths, answersFile, env: {}, description: 'test', acceptNewHostKeys: false, parallel: 4,
			readDefaults: async () => new Map(),
		});

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
		expect(server.accepted).toHaveLength(1);
	}, 60_000);
});
