import fs from 'node:fs';
import path from 'node:path';
import {isWholeSandboxDump} from '../shims/pg-archive.js';
import {check} from './check.js';
import type {Check, VerifyInput} from './check.js';

const stages = ['after-migrations', 'after-floating-ips', 'after-quotas'] as const;

/** Names in a directory tree that a write or a dump left half-done: partial dumps, pending-write records, temp files of the write script. */
function leftovers(directory: string): string[] {
	if (!fs.existsSync(directory)) {
		return [];
	}

	return fs.readdirSync(directory, {withFileTypes: true}).flatMap(entry => {
		const full = path.join(directory, entry.name);
		if (entry.isDirectory()) {
			return leftovers(full);
		}

		return /\.partial$|\.snf-upgrade-write$/.test(entry.name) ? [full] : [];
	});
}

/** Every database dump the run should have made is there, whole and 0600; nothing half-written is left on any host. */
export function backupChecks({directory, state, answers}: VerifyInput): Check[] {
	const backupDir = path.join(directory, state.roles.db, answers.backupDir);
	const staged = (answers as {stageBackups?: boolean}).stageBackups !== false;
	const names = answers.backupDatabases.flatMap(database => ['before-0.15', ...(staged ? stages : [])].map(stage => `${database}-${stage}.dump`));
	const checks = names.map(name => {
		const file = path.join(backupDir, name);
		const there = fs.existsSync(file);
		const mode = there ? fs.statSync(file).mode & 0o777 : 0;
		const whole = there && isWholeSandboxDump(fs.readFileSync(file, 'latin1'));
		return check(`backup ${name} is whole and 0600`, whole && mode === 0o600, there ? (whole ? `mode ${mode.toString(8)}` : 'the dump is cut short') : `${file} is missing`);
	});
	const left = Object.keys(state.hosts).flatMap(host => leftovers(path.join(directory, host, 'etc')).concat(leftovers(path.join(directory, host, answers.backupDir))));
	checks.push(check('no half-written dump or settings file left', left.length === 0, left.join(', ')));
	return checks;
}
