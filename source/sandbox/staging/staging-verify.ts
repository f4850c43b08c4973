import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {parseDiskTemplates} from '../../domain/parsers/gnt-cluster-info.js';
import {parseGroupBounds} from '../../domain/parsers/gnt-group-info.js';
import {renderBoundsSpecs} from '../../domain/parsers/ispecs.js';
import {overridingGroupBounds} from '../initial-state.js';
import {check, type Check, type VerifyInput} from '../verify/check.js';
import {boundsText, ipolicyOf} from './real-ganeti.js';
import {stagingFile, type StagingRecord} from './staging-layout.js';

const sshOptions = ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', 'UpdateHostKeys=no', '-o', 'ConnectTimeout=10'];

/** Runs a read-only command on a staging machine with the OpenSSH client (known_hosts checked, no prompts). */
function overSsh(target: string, command: string): {ok: true; stdout: string} | {ok: false; problem: string} {
	const result = spawnSync('ssh', [...sshOptions, target, command], {encoding: 'utf8', timeout: 60_000});
	if (result.status === 0) {
		return {ok: true, stdout: result.stdout};
	}

	const why = result.error?.message ?? `exit ${result.status ?? result.signal ?? '?'}`;
	return {ok: false, problem: `ssh ${target} ${command}: ${why}: ${(result.stderr || result.stdout || '').trim().slice(-300)}`};
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every(item => b.includes(item));

function diskTemplatesCheck(target: string, what: string, expected: readonly string[]): Check {
	const info = overSsh(target, 'gnt-cluster info');
	if (!info.ok) {
		return check(`real Ganeti allowed disk templates of ${what}`, false, info.problem);
	}

	try {
		const {allowed} = parseDiskTemplates(info.stdout);
		return check(`real Ganeti allowed disk templates of ${what}: ${allowed.join(', ')}`, sameSet(allowed, expected), `expected ${expected.join(', ')}`);
	} catch (error) {
		return check(`real Ganeti allowed disk templates of ${what}`, false, (error as Error).message);
	}
}

/** The real default node group keeps its own bounds, now with min nic-count = min and its raised max nic-count kept (max(40, answer)). */
function groupsCheck(target: string, where: string, min: number, max: number): Check {
	const info = overSsh(target, 'gnt-group info');
	if (!info.ok) {
		return check(`real Ganeti node groups read from ${where}`, false, info.problem);
	}

	try {
		const group = parseGroupBounds(info.stdout).find(candidate => candidate.group === 'default');
		const wanted = Math.max(overridingGroupBounds().max['nic-count'], max);
		const pair = group?.bounds[0];
		const ok = group?.overrides === true && pair?.min['nic-count'] === min && pair.max['nic-count'] === wanted;
		return check(`real Ganeti node group default read from ${where} with gnt-group info: ${group ? renderBoundsSpecs(group.bounds) : 'missing'}`, ok, `expected its own bounds with min nic-count=${min} and max nic-count=${wanted}`);
	} catch (error) {
		return check(`real Ganeti node groups read from ${where}`, false, (error as Error).message);
	}
}

/**
 * For a staged sandbox (DIR/staging.json): the real Ganeti clusters as their masters report them over SSH.
 * Returns the verify input with those clusters' instance policies in place of the simulated state (so every
 * sandbox check judges the real cluster) and extra checks that show the values read; undefined otherwise.
 */
export function stagedVerify(input: VerifyInput): {input: VerifyInput; checks: Check[]} | undefined {
	const file = path.join(input.directory, stagingFile);
	if (!fs.existsSync(file)) {
		return undefined;
	}

	const record = JSON.parse(fs.readFileSync(file, 'utf8')) as StagingRecord;
	const checks: Check[] = [];
	const backends = input.state.backends.map(backend => ({...backend}));
	const {ipolicyMinNicCount: min, ipolicyMaxNicCount: max} = input.answers;
	for (const real of record.realGaneti) {
		const where = `${real.master.name} (${real.master.ssh})`;
		const index = backends.findIndex(backend => backend.id === real.id);
		const ispecs = overSsh(real.master.ssh, 'gnt-cluster show-ispecs-cmd');
		if (!ispecs.ok) {
			checks.push(check(`real Ganeti ipolicy of backend ${real.backend} read from ${where}`, false, ispecs.problem));
			continue;
		}

		try {
			const {clustername, ipolicy} = ipolicyOf(ispecs.stdout);
			// The cluster was created with Ganeti's default max nic-count 8: the upgrade makes it max(8, answer).
			const wanted = Math.max(8, max);
			const ok = ipolicy.min['nic-count'] === min && ipolicy.max['nic-count'] === wanted;
			checks.push(check(`real Ganeti ipolicy of ${clustername} read from ${where} with gnt-cluster show-ispecs-cmd: ${boundsText(ipolicy)}`, ok, `expected min nic-count=${min} and max nic-count=${wanted}`));
			if (index !== -1) {
				// The real node groups are judged by groupsCheck (read over SSH), not by the snapshot taken at install.
				backends[index] = {...backends[index]!, clustername, ipolicy: {...backends[index]!.ipolicy, ...ipolicy}, groups: []};
			}
		} catch (error) {
			checks.push(check(`real Ganeti ipolicy of backend ${real.backend} read from ${where}`, false, (error as Error).message));
		}

		checks.push(groupsCheck(real.master.ssh, where, min, max));
		if (real.ipolicyDiskTemplates !== undefined) {
			checks.push(diskTemplatesCheck(real.master.ssh, `backend ${real.backend} read from ${where}`, real.ipolicyDiskTemplates));
		}
	}

	return {input: {...input, state: {...input.state, backends}}, checks};
}
