import {mkdtemp, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {answerSpecs} from '../../source/domain/answers-schema.js';
import type {Host} from '../../source/domain/inventory-types.js';
import {shellQuote} from '../../source/domain/shell-quote.js';
import {createLocalExecutor} from '../../source/executors/local-executor.js';
import {startPostgres, type ThrowawayPostgres} from '../helpers/postgres.js';

const host: Host = {id: 'db', label: 'local (db)', sudo: false, target: {kind: 'local', root: '', env: {}}};

/** The product's default backup command template, as the admin would get it. */
function defaultBackupTemplate(): string {
	const spec = answerSpecs.find(answer => answer.key === 'backupCommand');
	if (typeof spec?.default !== 'string') {
		throw new TypeError('no default backupCommand answer');
	}

	return spec.default;
}

describe('database backup through the local executor against a real PostgreSQL', () => {
	let pg: ThrowawayPostgres;
	let dumps: string;

	beforeAll(async () => {
		pg = await startPostgres();
		await pg.psql('CREATE DATABASE snf_apps');
		await pg.psql(
			"CREATE TABLE im_astakosuser(id serial primary key, email text); INSERT INTO im_astakosuser(email) SELECT 'u'||g||'@example.org' FROM generate_series(1,1000) g",
			'snf_apps',
		);
		dumps = await mkdtemp(path.join(tmpdir(), 'snf-dumps-'));
	});

	afterAll(async () => {
		await pg?.stop();
		if (dumps !== undefined) {
			await rm(dumps, {recursive: true, force: true});
		}
	});

	it('dumps snf_apps with the default template shape; pg_restore reads the archive', async () => {
		const template = defaultBackupTemplate();
		expect(template).toBe('su - postgres -c "pg_dump -Fc {db}" > {file}');
		// The cluster is throwaway: point pg_dump at its socket directory and port.
		const adapted = template.replace('pg_dump -Fc', `pg_dump -h ${pg.socketDir} -p ${pg.port} -Fc`);
		const file = path.join(dumps, 'snf_apps.dump');
		const commandLine = adapted.replace('{db}', shellQuote('snf_apps')).replace('{file}', shellQuote(file));

		const result = await createLocalExecutor(host).run(commandLine, {asRoot: true, mutates: true, timeoutMs: 60_000});
		expect(result).toMatchObject({exitCode: 0, outcome: 'completed', stderr: ''});
		expect((await stat(file)).size).toBeGreaterThan(0);

		const {stdout: listing} = await execa('pg_restore', ['-l', file]);
		expect(listing).toMatch(/TABLE DATA public im_astakosuser /);
	});
});
