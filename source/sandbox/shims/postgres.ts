import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {matchingFault} from '../faults.js';
import {loadState} from '../state.js';
import {isRunning} from '../versions.js';
import type {ShimContext} from './context.js';
import {sandboxDump} from './pg-archive.js';

const databases = ['snf_apps', 'snf_pithos', 'postgres', 'template1'];

/** pg_dump [-Fc] [-f FILE] DBNAME on the database host, as the postgres user (facts §6). */
export async function pgDump(context: ShimContext): Promise<number> {
	const args = [...context.args];
	let file: string | undefined;
	let custom = false;
	const names: string[] = [];
	while (args.length > 0) {
		const arg = args.shift()!;
		if (arg === '-f') {
			file = args.shift();
		} else if (arg.startsWith('--file=')) {
			file = arg.slice(7);
		} else if (arg === '-Fc' || arg === '--format=custom' || arg === '--format=c') {
			custom = true;
		} else if (!arg.startsWith('-')) {
			names.push(arg);
		}
	}

	const database = names[0] ?? context.env['USER'] ?? 'root';
	const state = loadState(context.sandbox);
	if (state.roles.db !== context.host || !isRunning(state, context.host, 'postgresql')) {
		context.err(`pg_dump: [archiver (db)] connection to database "${database}" failed: could not connect to server: No such file or directory\n\tIs the server running locally and accepting\n\tconnections on Unix domain socket "/var/run/postgresql/.s.PGSQL.5432"?\n`);
		return 1;
	}

	const role = context.env['SNF_SANDBOX_USER'] ?? 'root';
	if (role !== 'postgres') {
		context.err(`pg_dump: [archiver (db)] connection to database "${database}" failed: FATAL:  role "${role}" does not exist\n`);
		return 1;
	}

	if (!databases.includes(database)) {
		context.err(`pg_dump: [archiver (db)] connection to database "${database}" failed: FATAL:  database "${database}" does not exist\n`);
		return 1;
	}

	const snapshot = database === 'snf_pithos' ? {pithosRevision: state.pithosRevision} : {migrations: state.migrations, oauthClients: state.oauthClients.length, components: state.components, resources: state.resources, users: state.users};
	const whole = sandboxDump(database, JSON.stringify(snapshot), custom);
	const fault = matchingFault(context.sandbox, context.host, 'pg_dump', context.args);
	const cut = fault?.effect === 'fail-after-bytes' ? fault.bytes ?? 0 : undefined;
	const dump = cut === undefined ? whole : whole.slice(0, cut);
	if (file) {
		fs.writeFileSync(file, dump);
	} else {
		context.out(dump);
	}

	if (cut !== undefined) {
		// What a real pg_dump says when the server goes away in the middle of a table.
		context.err(`pg_dump: Dumping the contents of table "im_astakosuser" failed: PQgetCopyData() failed.\npg_dump: Error message from server: server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.\npg_dump: The command was: COPY public.im_astakosuser (id, email) TO stdout;\n`);
		return 1;
	}

	return 0;
}

/** su [-] USER -c COMMAND: runs COMMAND with sh as USER, keeping the sandbox environment (PATH with the shims). */
export async function su(context: ShimContext): Promise<number> {
	const args = context.args.filter(arg => arg !== '-' && arg !== '-l' && arg !== '--login');
	const commandIndex = args.findIndex(arg => arg === '-c' || arg === '--command');
	const command = commandIndex === -1 ? undefined : args[commandIndex + 1];
	const user = args.find((arg, index) => !arg.startsWith('-') && index !== commandIndex + 1) ?? 'root';
	if (command === undefined) {
		context.err('su: the sandbox su only runs commands: su - USER -c COMMAND\n');
		return 1;
	}

	if (!['postgres', 'root', 'www-data'].includes(user)) {
		context.err(`No passwd entry for user '${user}'\n`);
		return 1;
	}

	const result = spawnSync('sh', ['-c', command], {stdio: 'inherit', env: {...context.env, USER: user, LOGNAME: user, SNF_SANDBOX_USER: user}});
	return result.status ?? 1;
}
