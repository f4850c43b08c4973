import {describe, expect, it} from 'vitest';
import {freshFacts, judgeProbes} from '../../../source/domain/ansible/ansible-verdict.js';
import {cannotTell, verdict} from '../../../source/domain/verdicts.js';
import type {Host} from '../../../source/domain/inventory-types.js';
import type {PlannedStep} from '../../../source/domain/plan-types.js';
import {sections} from '../../../source/domain/sections.js';

const host: Host = {id: 'cyclades', target: {kind: 'ssh', host: 'cyclades.test'}, label: 'cyclades.test', sudo: false};
/** A step whose check reads "converted" (done), "left" (to do), anything else: cannot tell (e.g. the tool is not installed yet). */
const step = (rerunSafe: boolean): PlannedStep => ({
	id: 'convert-public-ips', section: sections[0]!, title: 't', why: 'w', notes: [], facts: [], actions: [], missing: [], rerunSafe,
	probes: [{host, shell: {pipeline: [{argv: ['true']}]}, asRoot: true, description: 'the check', isDone: output => (output.stdout === 'converted' ? verdict(true, 'converted') : output.stdout === 'left' ? verdict(false, 'left') : cannotTell(`exit ${output.exitCode}`))}],
});
const results = (stdout: string, rc = 0) => ({cyclades: [{rc, stdout, stderr: ''}]});

describe('ansible-verdict: the runner\'s decision from the playbook\'s check results', () => {
	it('decides done, run, and refuses a check that cannot tell when running again is not safe', () => {
		expect(judgeProbes(step(false), {hosts: results('converted')})['cyclades']!.decision).toBe('done');
		expect(judgeProbes(step(false), {hosts: results('left')})['cyclades']!.decision).toBe('run');
		expect(judgeProbes(step(false), {hosts: results('', 127)})['cyclades']!.decision).toBe('refused');
		expect(judgeProbes(step(true), {hosts: results('', 127)})['cyclades']!.decision).toBe('run');
	});

	it('in --check after a step that would run, a check that cannot tell would run (nothing earlier was made); never outside --check or with none pending', () => {
		const judged = judgeProbes(step(false), {check_mode: true, pending: 'install-packages', hosts: results('', 127)})['cyclades']!;
		expect(judged).toEqual({decision: 'run', detail: expect.stringContaining('check mode: nothing of install-packages (earlier) was made, so this check cannot tell yet; it would run')});
		expect(judgeProbes(step(false), {check_mode: false, pending: 'install-packages', hosts: results('', 127)})['cyclades']!.decision).toBe('refused');
		expect(judgeProbes(step(false), {check_mode: true, pending: '', hosts: results('', 127)})['cyclades']!.decision).toBe('refused');
		expect(judgeProbes(step(false), {check_mode: true, pending: 'install-packages', hosts: results('converted')})['cyclades']!.decision).toBe('done');
	});
});

describe('ansible-verdict: the facts the checks read, read again when the step runs', () => {
	const withFact: PlannedStep = {...step(false), facts: [{key: 'migrations:astakos', host, shell: {pipeline: [{argv: ['true']}]}, asRoot: true, description: 'the migrations'}]};

	it('takes the output read now, and names a fact that could not be read (the step is then not judged)', () => {
		expect(freshFacts(withFact, {hosts: {}, facts: {'migrations:astakos': {rc: 0, stdout: 'head\n'}}})).toEqual({'migrations:astakos': 'head\n'});
		expect(freshFacts(withFact, {hosts: {}, facts: {'migrations:astakos': {rc: 1, stdout: '', stderr: 'no such table'}}})).toBe('could not read the migrations on cyclades again when the step ran (no such table)');
		expect(freshFacts(withFact, {hosts: {}})).toMatch(/^could not read the migrations on cyclades again/);
	});
});
