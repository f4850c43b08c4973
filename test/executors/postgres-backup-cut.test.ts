import {execFileSync, spawnSync} from 'node:child_process';
import {chmod, mkdir, mkdtemp, readdir, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {killQuietly} from '../../source/bench/processes.js';
import type {Host} from '../../source/domain/inventory-types.js';
import type {PlannedStep} from '../../source/domain/plan-types.js';
import {renderShell} from '../../source/domain/shell-quote.js';
import {createLocalExecutor} from '../../source/executors/local-executor.js';
import {commandsOf, exampleStep} from '../domain/steps/plan-fixture.js';
import {startPostgres, type ThrowawayPostgres} from '../helpers/postgres.js';
import {pidsMatching} from '../helpers/sshd.js';
import {waitFor} from '../helpers/wait-for.js';

const host: Host = {id: 'db', label: 'local (db)', sudo: false, target: {kind: 'local', root: '', env: {}}};
const executor = createLocalExecutor(host);

describe('the backup step against a real PostgreSQL: whole dumps only', () => {
	let pg: ThrowawayPostgres;
	let work: string;
	let template: string;

	beforeAll(async () => {
		pg = await startPostgres();
		await pg.psql('CREATE DATABASE snf_apps');
		// About 9 MB of dump that compresses badly: far more than a pipe or the small disk below holds.
		await pg.psql("CREATE TABLE im_astakosuser(id serial primary key, email text); INSERT INTO im_astakosuser(email) SELECT md5(g::text)||md5((g+1)::text)||'@example.org' FROM generate_series(1,200000) g", 'snf_apps');
		work = await mkdtemp(path.join(tmpdir(), 'snf-dump-cut-'));
		// The product's default template, pointed at the throwaway cluster's socket and port.
		template = `su - postgres -c "pg_dump -h ${pg.socketDir} -p ${pg.port} -Fc {db}" > {file}`;
	}, 120_000);

	afterAll(async () => {
		await pg?.stop();
		await rm(work, {recursive: true, force: true});
	});

	const backupStep = (backupDir: string): PlannedStep =>
		exampleStep('backup-databases', {set: {backupDir, backupDatabases: ['snf_apps'], backupCommand: template}});

	async function run(step: PlannedStep, signal?: AbortSignal) {
		const results = [];
		for (const action of commandsOf(step)) {
			const result = await executor.run(renderShell(action.shell, 'reveal'), {asRoot: true, mutates: true, ...(signal === undefined ? {} : {signal})});
			results.push(result);
			if (result.exitCode !== 0) {
				break;
			}
		}

		return results.at(-1)!;
	}

	async function probe(step: PlannedStep) {
		const [check] = step.probes;
		const result = await executor.run(renderShell(check!.shell, 'reveal'), {asRoot: true});
		return check!.isDone(result);
	}

	it('a whole dump is kept at its name, 0600 in an existing 0755 directory, and the probe says done', async () => {
		const backupDir = path.join(work, 'backups');
		await mkdir(backupDir, {mode: 0o755});
		await chmod(backupDir, 0o755);
		const step = backupStep(backupDir);
		expect(await run(step)).toMatchObject({exitCode: 0, outcome: 'completed'});
		const file = path.join(backupDir, 'snf_apps-before-0.15.dump');
		expect((await stat(file)).mode & 0o777).toBe(0o600);
		expect(await readdir(backupDir)).toEqual(['snf_apps-before-0.15.dump']);
		expect(await probe(step)).toMatchObject({ok: true, detail: expect.stringContaining('pg_restore read every block') as string});
		const {stdout} = await execa('pg_restore', ['-l', file]);
		expect(stdout).toMatch(/TABLE DATA public im_astakosuser /);
	}, 60_000);

	it('the disk fills up in the middle of the dump: nothing is kept under the name, and the probe says not done', async () => {
		const backupDir = path.join(work, 'small-disk');
		await mkdir(backupDir);
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', backupDir]);
		try {
			const step = backupStep(backupDir);
			const result = await run(step);
			expect(result.exitCode).toBe(1);
			expect(result.stderr).toMatch(/No space left on device/);
			expect(result.stderr).toContain('the dump of snf_apps failed');
			expect(await readdir(backupDir)).toEqual([]);
			expect(await probe(step)).toMatchObject({ok: false});
		} finally {
			execFileSync('umount', [backupDir]);
		}
	}, 60_000);

	it('Ctrl+C in the middle of the dump: the partial dump never reaches the name', async () => {
		const backupDir = path.join(work, 'interrupted');
		const step = backupStep(backupDir);
		const partial = path.join(backupDir, '.snf_apps-before-0.15.dump.partial');
		const controller = new AbortController();
		const running = run(step, controller.signal);
		// ps fails (exit 1) for a pid gone since pgrep listed it: that one is not dumping any more.
		const isPgDump = (pid: number) => spawnSync('ps', ['-o', 'comm=', '-p', String(pid)], {encoding: 'utf8'}).stdout.trim() === 'pg_dump';
		const dumping = () => pidsMatching(`pg_dump -h ${pg.socketDir}`).filter(pid => isPgDump(pid));
		await waitFor(async () => ((await stat(partial).catch(() => undefined))?.size ?? 0) > 0 && dumping().length > 0, 'pg_dump to have written part of the dump', 30_000);
		// Frozen half-way, so the interruption lands in the middle of the dump whatever the machine's speed.
		for (const pid of dumping()) {
			killQuietly(pid, 'SIGSTOP');
		}

		controller.abort(new Error('SIGINT'));
		// su runs pg_dump in a session of its own: the frozen pg_dump goes only when killed itself.
		for (const pid of dumping()) {
			killQuietly(pid, 'SIGKILL');
		}

		expect((await running).outcome).toBe('aborted');

		await waitFor(() => dumping().length === 0, 'pg_dump to be gone');
		expect((await readdir(backupDir)).filter(name => !name.endsWith('.partial'))).toEqual([]);
		expect(await probe(step)).toMatchObject({ok: false, detail: expect.stringMatching(/^missing or empty/) as string});
	}, 60_000);

	it('pg_restore -l passes a dump cut in its data; the probe reads every block and says not whole', async () => {
		const backupDir = path.join(work, 'cut-by-hand');
		const step = backupStep(backupDir);
		expect((await run(step)).exitCode).toBe(0);
		const file = path.join(backupDir, 'snf_apps-before-0.15.dump');
		const size = (await stat(file)).size;
		await execa('truncate', ['-s', String(Math.floor(size / 2)), file]);
		expect((await execa('pg_restore', ['-l', file], {reject: false})).exitCode).toBe(0);
		expect(await probe(step)).toMatchObject({ok: false, detail: expect.stringMatching(/^not whole: .*end of file/) as string});
	}, 60_000);
});
