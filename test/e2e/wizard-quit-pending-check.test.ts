import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {silentServer, type SilentServer} from '../helpers/silent-server.js';
import type {Terminal} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';
import {ensureCliBuilt} from './run-helpers.js';
import {journalCheckOfSshHost} from './unreachable-host.js';
import {openWizard, waitForVisible} from './wizard-driver.js';

let work: string | undefined;
let server: SilentServer | undefined;
let terminal: Terminal | undefined;
beforeAll(() => {
	ensureCliBuilt();
}, 300_000);
afterEach(() => {
	terminal?.close();
	terminal = undefined;
	server?.close();
	server = undefined;
	if (work !== undefined) {
		fs.rmSync(work, {recursive: true, force: true});
		work = undefined;
	}
});

describe('the wizard\'s quit while the welcome\'s journal check connects to a host that never answers (built CLI, tmux 80×24)', () => {
	it('q at the welcome ends the wizard without waiting for the connect timeout, and nothing is left open', async () => {
		work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-wizard-quit-check-'));
		server = await silentServer();
		const {answersFile, paths} = journalCheckOfSshHost(work, server.port);
		terminal = openWizard(['--answers', answersFile, '--state-dir', paths.root], work);
		await waitForVisible(terminal, /Resume at 0 /, 'the welcome with the journal\'s states');
		await waitFor(() => server!.accepted.length === 1, 'the welcome\'s check to connect to astakos', 30_000);
		terminal.press('q');
		// The connect timeout is 15 s from the connect just made: only a quit that gives the connect up (and leaves no
		// socket open, or the process would not end) exits within this bound.
		expect(await terminal.exitStatus(8000)).toBe(0);
		expect(server.accepted).toHaveLength(1);
	}, 90_000);
});
