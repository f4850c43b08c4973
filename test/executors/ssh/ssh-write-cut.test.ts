import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {descendants, killQuietly} from '../../../source/bench/processes.js';
import {readRemoteFile, writeFileAtomically} from '../../../source/executors/file-edit.js';
import {holdProgram, type HeldProgram} from '../../helpers/hold-command.js';
import {pidsMatching, sshdExecutor, startSshd} from '../../helpers/sshd.js';
import type {Sshd} from '../../helpers/sshd.js';
import {waitFor} from '../../helpers/wait-for.js';

const now = new Date('2025-03-04T05:06:07.890Z');
const name = '20-snf-pithos-app-settings.conf';

/** The per-connection sshd processes (sshd, sshd-session), not the commands that run under them. */
function sessionProcesses(sshd: Sshd): number[] {
	return descendants(sshd.pid).filter(pid => {
		try {
			return /^sshd/.test(execFileSync('ps', ['-o', 'comm=', '-p', String(pid)], {encoding: 'utf8'}).trim());
		} catch {
			return false;
		}
	});
}

describe('SSH: the connection drops while the new content streams to the write script', () => {
	let sshd: Sshd;
	let dir: string;
	let held: HeldProgram;
	let work: string;

	beforeAll(async () => {
		work = mkdtempSync(path.join(tmpdir(), 'snf-write-cut-'));
		dir = path.join(work, 'etc');
		mkdirSync(dir);
		// The first mktemp once the backup exists waits: the script runs, the pipe is full, nothing read yet.
		held = holdProgram(work, 'mktemp', `ls '${dir}' | grep -q '\\.bak$'`);
		sshd = await startSshd({extraConfig: `SetEnv PATH=${held.directory}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`});
	});

	afterAll(async () => {
		held?.release();
		await sshd?.stop();
		rmSync(work, {recursive: true, force: true});
	});

	it('the cut content is never renamed over the file; the next write puts it whole', async () => {
		const file = path.join(dir, name);
		const padding = Array.from({length: 50_000}, (_, index) => `# padding line ${index}\n`).join('');
		const original = `${padding}PITHOS_BACKEND_DB_CONNECTION = 'postgresql://synnefo:pw@db:5432/snf_pithos'\nASTAKOS_BASE_URL = 'https://accounts.example.org/'\n`;
		writeFileSync(file, original, {mode: 0o640});
		const newText = original.replace("ASTAKOS_BASE_URL = 'https://accounts.example.org/'", "ASTAKOS_AUTH_URL = 'https://accounts.example.org/identity/v2.0'");
		const executor = sshdExecutor(sshd);
		try {
			const snapshot = await readRemoteFile(executor, file, {asRoot: true});
			const writing = writeFileAtomically(executor, snapshot, newText, {asRoot: true, validate: 'python', now}).catch((error: unknown) => error);
			await waitFor(held.started, 'the write script to reach its temp file', 60_000);
			for (const pid of sessionProcesses(sshd)) {
				killQuietly(pid, 'SIGKILL');
			}

			expect(await writing).toBeInstanceOf(Error);
			held.release();
			await waitFor(() => pidsMatching(file).length === 0, 'the remote write script to end', 60_000);
			expect(readFileSync(file, 'utf8') === original).toBe(true);
			expect(readdirSync(dir).filter(entry => !entry.endsWith('.bak'))).toEqual([name]);

			const again = await readRemoteFile(executor, file, {asRoot: true});
			expect(again.sha256).toBe(snapshot.sha256);
			await writeFileAtomically(executor, again, newText, {asRoot: true, validate: 'python', now});
			expect(readFileSync(file, 'utf8') === newText).toBe(true);
			expect(readdirSync(dir).filter(entry => !entry.endsWith('.bak'))).toEqual([name]);
		} finally {
			await executor.dispose();
		}
	}, 120_000);
});
