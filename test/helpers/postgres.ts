import {chmod, chown, mkdir, mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {execa, execaSync} from 'execa';
import {freePort} from '../../source/bench/processes.js';

/**
 * A throwaway PostgreSQL 15 cluster (real-hosts.md §4): initdb and pg_ctl as the `postgres` user
 * through runuser (initdb refuses root), unix socket only (listen_addresses=''), in a temp dir.
 * Needs root, as CI has.
 */
export interface ThrowawayPostgres {
	/** Directory holding the unix socket (`-h`). */
	readonly socketDir: string;
	readonly port: number;
	/** Runs SQL as the postgres superuser; returns psql's stdout (unaligned, tuples only). */
	psql(sql: string, database?: string): Promise<string>;
	/** Stops the server (immediate) and removes every file. */
	stop(): Promise<void>;
}

const pgBin = '/usr/lib/postgresql/15/bin';

function postgresIds(): {uid: number; gid: number} {
	const uid = Number(execaSync('id', ['-u', 'postgres']).stdout);
	const gid = Number(execaSync('id', ['-g', 'postgres']).stdout);
	return {uid, gid};
}

export async function startPostgres(): Promise<ThrowawayPostgres> {
	const base = await mkdtemp(path.join(tmpdir(), 'snf-pg-'));
	// The postgres user must traverse every parent of its directory.
	await chmod(base, 0o755);
	const socketDir = path.join(base, 'pg');
	await mkdir(socketDir, {mode: 0o700});
	const {uid, gid} = postgresIds();
	await chown(socketDir, uid, gid);
	const dataDir = path.join(socketDir, 'data');
	const port = await freePort();
	const asPostgres = async (file: string, args: readonly string[]) => execa('runuser', ['-u', 'postgres', '--', path.join(pgBin, file), ...args]);

	await asPostgres('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
	const serverOptions = `-k ${socketDir} -p ${port} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
	await asPostgres('pg_ctl', ['-D', dataDir, '-l', path.join(socketDir, 'server.log'), '-w', '-t', '30', '-o', serverOptions, 'start']);

	return {
		socketDir,
		port,
		async psql(sql, database = 'postgres') {
			const {stdout} = await execa('psql', ['-h', socketDir, '-p', String(port), '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql]);
			return stdout;
		},
		async stop() {
			await asPostgres('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']).catch(() => undefined);
			await rm(base, {recursive: true, force: true});
		},
	};
}
