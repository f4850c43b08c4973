/**
 * The staging installer's pure pieces and the verify hook, without namespaces: the SSH inventory it writes, the
 * ipolicy read from real `gnt-cluster show-ispecs-cmd` output, and stagedVerify against a stand-in `ssh`.
 * The whole staging flow on namespace hosts is test/e2e/staging.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterEach, describe, expect, it} from 'vitest';
import {parseAnswersDocument} from '../../../source/domain/answers/answers-document.js';
import {answersDocument} from '../../../source/sandbox/answers-document.js';
import {createdWith} from '../../../source/sandbox/layout.js';
import {initialState} from '../../../source/sandbox/initial-state.js';
import {boundsText, ipolicyOf} from '../../../source/sandbox/staging/real-ganeti.js';
import {stagingAnswers} from '../../../source/sandbox/staging/staging-answers.js';
import {sshEnvironment, stagingFile, type StagingRecord} from '../../../source/sandbox/staging/staging-layout.js';
import {stagedVerify} from '../../../source/sandbox/staging/staging-verify.js';
import type {VerifyInput} from '../../../source/sandbox/verify/check.js';

/** Real Ganeti 3.0.2 output (reference/real-hosts.md §2), after the runbook's modify. */
const modified = 'gnt-cluster init --ipolicy-std-specs cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1 --ipolicy-bounds-specs min:cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=0,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=32,spindle-use=12 ganeti1.test\n';

const machine = (name: string) => ({name, ssh: `root@${name}.test`});
const record: StagingRecord = {
	version: 1,
	hosts: {astakos: machine('astakos'), cyclades: machine('cyclades'), pithos: machine('pithos'), stats: machine('stats'), 'ganeti1-master': machine('gnt1'), 'ganeti2-master': machine('gnt2')},
	realGaneti: [{backend: 'ganeti1', id: 1, master: machine('gnt1'), ipolicyDiskTemplates: ['file', 'ext']}],
};

const temporary: string[] = [];
const savedPath = process.env['PATH'];
/** Real Ganeti 3.0.2 gnt-group info: the default group overrides the bounds, min nic-count 0, max nic-count 40. */
const groupsRaised = fs.readFileSync(new URL('../../fixtures/parsers/gnt-group-info-raised.txt', import.meta.url), 'utf8');
afterEach(() => {
	process.env['PATH'] = savedPath;
	for (const directory of temporary.splice(0)) {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});

/** A directory with staging.json and a stand-in `ssh` that answers gnt-cluster as `gnt1` would. */
function stagedDirectory(ispecs: string, info: string, groups = groupsRaised): string {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-staging-unit-'));
	temporary.push(directory);
	fs.writeFileSync(path.join(directory, stagingFile), JSON.stringify(record));
	fs.mkdirSync(path.join(directory, 'bin'));
	fs.writeFileSync(path.join(directory, 'ispecs'), ispecs);
	fs.writeFileSync(path.join(directory, 'info'), info);
	fs.writeFileSync(path.join(directory, 'groups'), groups);
	fs.writeFileSync(path.join(directory, 'bin/ssh'), `#!/bin/sh
for last; do :; done
case "$last" in
	'gnt-cluster show-ispecs-cmd') cat '${directory}/ispecs' ;;
	'gnt-cluster info') cat '${directory}/info' ;;
	'gnt-group info') cat '${directory}/groups' ;;
	*) echo "unexpected: $*" >&2; exit 255 ;;
esac
`, {mode: 0o755});
	process.env['PATH'] = `${path.join(directory, 'bin')}:${savedPath ?? ''}`;
	return directory;
}

describe('staging pieces', () => {
	it('writes an answers document whose inventory reaches every role over SSH as root', () => {
		const state = initialState('/x/shim-main.js', 0);
		state.backends[0]!.nodes = ['ganeti1-master'];
		const document = stagingAnswers(answersDocument('/tmp/sb').answers, state, record, {ganeti1: ['file', 'ext']});
		const parsed = parseAnswersDocument(JSON.stringify(document), 'answers.json', {});
		const inventory = parsed.inventory!;
		expect(inventory.cyclades.target).toEqual({kind: 'ssh', host: 'cyclades.test', user: 'root'});
		expect(inventory.vncauthproxy.id).toBe(inventory.cyclades.id);
		expect(inventory.db.id).toBe(inventory.astakos.id);
		expect(inventory.stats?.target).toEqual({kind: 'ssh', host: 'stats.test', user: 'root'});
		expect(inventory.ganeti.map(backend => [backend.name, backend.master.id, backend.nodes.map(node => node.id), backend.ipolicyDiskTemplates])).toEqual([
			['ganeti1', 'gnt1', ['gnt1'], ['file', 'ext']],
			['ganeti2', 'gnt2', ['gnt2'], undefined],
		]);
		expect(parsed.answers['settingsDir']).toBe('/etc/synnefo');
	});

	it('puts the shims first on PATH and names the sandbox host in the SSH environment', () => {
		expect(sshEnvironment('/tmp/sb', 'ganeti1-master')).toBe('PATH=/srv/snf-sandbox/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nSNF_SANDBOX=/tmp/sb\nSNF_SANDBOX_HOST=ganeti1-master\nSYNNEFO_SETTINGS_DIR=/etc/synnefo\n');
	});

	it('reads the cluster name and bounds from real show-ispecs-cmd output', () => {
		const {clustername, ipolicy} = ipolicyOf(modified);
		expect(clustername).toBe('ganeti1.test');
		expect(ipolicy.min['nic-count']).toBe(0);
		expect(ipolicy.max['nic-count']).toBe(32);
		expect(boundsText(ipolicy)).toBe('min:cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=0,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=32,spindle-use=12');
	});

	it('verify: a plain sandbox has no staging checks', () => {
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-staging-unit-'));
		temporary.push(directory);
		const input: VerifyInput = {directory, state: initialState('/x', 0), answers: answersDocument(directory).answers, deployment: createdWith};
		expect(stagedVerify(input)).toBeUndefined();
	});

	it('verify: judges the real cluster as its master reports it over SSH, not the simulated state', () => {
		const directory = stagedDirectory(modified, '  allowed disk templates: ext, file\n  enabled disk templates: file, ext\n');
		const input: VerifyInput = {directory, state: initialState('/x', 0), answers: answersDocument(directory).answers, deployment: createdWith};
		const staged = stagedVerify(input)!;
		expect(staged.checks.map(check => [check.ok, check.name])).toEqual([
			[true, `real Ganeti ipolicy of ganeti1.test read from gnt1 (root@gnt1.test) with gnt-cluster show-ispecs-cmd: ${boundsText(ipolicyOf(modified).ipolicy)}`],
			[true, 'real Ganeti node group default read from gnt1 (root@gnt1.test) with gnt-group info: min:cpu-count=1,disk-count=1,disk-size=512,memory-size=128,nic-count=0,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=40,spindle-use=12'],
			[true, 'real Ganeti allowed disk templates of backend ganeti1 read from gnt1 (root@gnt1.test): ext, file'],
		]);
		const backend = staged.input.state.backends.find(candidate => candidate.id === 1)!;
		expect([backend.clustername, backend.ipolicy.min['nic-count'], backend.ipolicy.max['nic-count']]).toEqual(['ganeti1.test', 0, 32]);
		expect(input.state.backends[0]!.ipolicy.min['nic-count']).toBe(1);
	});

	it('verify: fails with what it found when the real cluster was not changed or cannot be reached', () => {
		const unchanged = modified.replace('nic-count=0', 'nic-count=1').replace('nic-count=32', 'nic-count=8');
		// The group's override lowered to 32 by a blind --ipolicy-bounds-specs: verify fails, the 40 must be kept.
		const lowered = groupsRaised.replace('nic-count: 40', 'nic-count: 32');
		const directory = stagedDirectory(unchanged, 'no templates here\n', lowered);
		const input: VerifyInput = {directory, state: initialState('/x', 0), answers: answersDocument(directory).answers, deployment: createdWith};
		const [ipolicy, group, templates] = stagedVerify(input)!.checks;
		expect(ipolicy).toMatchObject({ok: false, name: expect.stringContaining('nic-count=1,'), detail: 'expected min nic-count=0 and max nic-count=32'});
		expect(group).toMatchObject({ok: false, detail: 'expected its own bounds with min nic-count=0 and max nic-count=40'});
		expect(templates).toMatchObject({ok: false, detail: expect.stringMatching(/^No "(?:enabled|allowed) disk templates" line/)});
		fs.rmSync(path.join(directory, 'bin/ssh'));
		fs.writeFileSync(path.join(directory, 'bin/ssh'), '#!/bin/sh\necho "ssh: connect to host gnt1.test port 22: No route to host" >&2\nexit 255\n', {mode: 0o755});
		const [unreachable] = stagedVerify(input)!.checks;
		expect(unreachable).toMatchObject({ok: false, name: 'real Ganeti ipolicy of backend ganeti1 read from gnt1 (root@gnt1.test)', detail: expect.stringContaining('No route to host')});
	});
});
