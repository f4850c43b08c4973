import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parseGroupBounds} from '../../../source/domain/parsers/gnt-group-info.js';
import {renderBoundsSpecs} from '../../../source/domain/parsers/ispecs.js';
import {renderShell} from '../../../source/domain/shell-quote.js';
import {garbageOutputs, status} from '../../helpers/verdict-status.js';
import {commandsOf, exampleStep, lines, output} from './plan-fixture.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/parsers/${name}`, import.meta.url), 'utf8');
/** Real Ganeti 3.0.2 output (test-hosts.sh up-ganeti): no group override; three groups, two overriding; default raised to 0/40. */
const groupsDefault = fixture('gnt-group-info-default.txt');
const groupsOverrides = fixture('gnt-group-info-overrides.txt');
const groupsRaised = fixture('gnt-group-info-raised.txt');

// The runbook prints the line wrapped; real-hosts §2 shows the real single line with the cluster name.
const runbookIspecs = `gnt-cluster init --ipolicy-std-specs cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1
  --ipolicy-bounds-specs min:cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=8,spindle-use=12 ganeti1.example.synnefo.org
`;
const bigIspecs = 'gnt-cluster init --ipolicy-std-specs cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1 --ipolicy-bounds-specs min:cpu-count=1,disk-count=1,disk-size=128,memory-size=128,nic-count=1,spindle-use=1/max:cpu-count=24,disk-count=16,disk-size=1048576,memory-size=65536,nic-count=64,spindle-use=12//min:cpu-count=2,disk-count=1,disk-size=2048,memory-size=512,nic-count=1,spindle-use=1/max:cpu-count=4,disk-count=4,disk-size=4096,memory-size=4096,nic-count=4,spindle-use=4 cluster.test\n';
const runbookModify = 'gnt-cluster modify --ipolicy-bounds-specs min:cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=0,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=32,spindle-use=12';
const separator = "--- snf-upgrade: gnt-group info follows\n";

describe('parseGroupBounds (real gnt-group info of Ganeti 3.0.2)', () => {
	it('tells inherited bounds (default (N)) from a group\'s own, in either min/max order and with several pairs', () => {
		expect(parseGroupBounds(groupsDefault)).toEqual([{group: 'default', overrides: false, bounds: [expect.objectContaining({max: expect.objectContaining({'nic-count': 8}) as unknown}) as unknown]}]);
		const groups = parseGroupBounds(groupsOverrides);
		expect(groups.map(group => [group.group, group.overrides, renderBoundsSpecs(group.bounds)])).toEqual([
			['default', true, 'min:cpu-count=1,disk-count=1,disk-size=512,memory-size=128,nic-count=1,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=40,spindle-use=12'],
			['second', true, 'min:cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1/max:cpu-count=4,disk-count=4,disk-size=4096,memory-size=4096,nic-count=4,spindle-use=4//min:cpu-count=2,disk-count=1,disk-size=2048,memory-size=512,nic-count=1,spindle-use=1/max:cpu-count=8,disk-count=8,disk-size=8192,memory-size=8192,nic-count=8,spindle-use=8'],
			['third', false, 'min:cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=8,spindle-use=12'],
		]);
	});

	it.each([
		['nothing', ''],
		['another command', 'Group   Nodes Instances AllocPolicy NDParams\ndefault     1         0 preferred\n'],
		['a cut-off block', groupsDefault.split('\n').slice(0, 55).join('\n')],
	])('refuses %s', (_name, text) => {
		expect(() => parseGroupBounds(text)).toThrow();
	});
});

describe('0 Ganeti instance policy', () => {
	const facts = {'ispecs:ganeti1': runbookIspecs, 'groups:ganeti1': groupsDefault, 'ispecs:ganeti2': bigIspecs, 'groups:ganeti2': groupsOverrides};

	it('reads show-ispecs-cmd and gnt-group info on each master, as root', () => {
		const step = exampleStep('ganeti-ipolicy');
		expect(step.facts.map(fact => [fact.key, fact.host.id, renderShell(fact.shell, 'mask'), fact.asRoot])).toEqual([
			['ispecs:ganeti1', 'gnt1.example.synnefo.org', 'gnt-cluster show-ispecs-cmd', true],
			['groups:ganeti1', 'gnt1.example.synnefo.org', 'gnt-group info', true],
			['ispecs:ganeti2', 'gnt3.example.synnefo.org', 'gnt-cluster show-ispecs-cmd', true],
			['groups:ganeti2', 'gnt3.example.synnefo.org', 'gnt-group info', true],
		]);
		expect(step.rerunSafe).toBe(true);
	});

	it("gives the runbook's command for the runbook's output, keeps a larger max nic-count, and sets every overriding group the same way", () => {
		const step = exampleStep('ganeti-ipolicy', {facts});
		expect(lines(step)).toEqual([
			`gnt1.example.synnefo.org: ${runbookModify}`,
			'gnt3.example.synnefo.org: gnt-cluster modify --ipolicy-bounds-specs min:cpu-count=1,disk-count=1,disk-size=128,memory-size=128,nic-count=0,spindle-use=1/max:cpu-count=24,disk-count=16,disk-size=1048576,memory-size=65536,nic-count=64,spindle-use=12//min:cpu-count=2,disk-count=1,disk-size=2048,memory-size=512,nic-count=0,spindle-use=1/max:cpu-count=4,disk-count=4,disk-size=4096,memory-size=4096,nic-count=32,spindle-use=4',
			'gnt3.example.synnefo.org: gnt-group modify --ipolicy-bounds-specs min:cpu-count=1,disk-count=1,disk-size=512,memory-size=128,nic-count=0,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=40,spindle-use=12 -- default',
			'gnt3.example.synnefo.org: gnt-group modify --ipolicy-bounds-specs min:cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=0,spindle-use=1/max:cpu-count=4,disk-count=4,disk-size=4096,memory-size=4096,nic-count=32,spindle-use=4//min:cpu-count=2,disk-count=1,disk-size=2048,memory-size=512,nic-count=0,spindle-use=1/max:cpu-count=8,disk-count=8,disk-size=8192,memory-size=8192,nic-count=32,spindle-use=8 -- second',
		]);
		expect(step.missing).toEqual([]);
	});

	it('follows ipolicyMinNicCount and ipolicyMaxNicCount (the max only as a floor)', () => {
		const step = exampleStep('ganeti-ipolicy', {facts, set: {ipolicyMinNicCount: 1, ipolicyMaxNicCount: 16}});
		expect(lines(step)[0]).toContain('nic-count=1,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=16,');
	});

	it('is done once the cluster and every overriding group read min 0 and max ≥ 32; cannot tell from anything else', () => {
		const [probe] = exampleStep('ganeti-ipolicy', {facts}).probes;
		expect(renderShell(probe!.shell, 'mask')).toBe("gnt-cluster show-ispecs-cmd && echo '--- snf-upgrade: gnt-group info follows' && gnt-group info");
		const after = `gnt-cluster init --ipolicy-std-specs cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1 --ipolicy-bounds-specs ${runbookModify.split(' ').at(-1)!} c\n`;
		expect(probe!.isDone(output(`${runbookIspecs}${separator}${groupsDefault}`))).toMatchObject({ok: false, detail: expect.stringMatching(/^still to set: cluster ganeti1\.example\.synnefo\.org: /) as unknown});
		expect(probe!.isDone(output(`${after}${separator}${groupsDefault}`))).toEqual({ok: true, detail: 'min nic-count=0, max nic-count ≥ 32 in the cluster (no group overrides the rest)'});
		expect(status(probe!.isDone(output(`${after}${separator}${groupsOverrides}`)))).toBe('to do');
		expect(probe!.isDone(output(`${after}${separator}${groupsRaised}`))).toEqual({ok: true, detail: 'min nic-count=0, max nic-count ≥ 32 in the cluster and node group default (no group overrides the rest)'});
		expect(status(probe!.isDone(output(after)))).toBe('cannot tell');
		for (const [, garbage] of garbageOutputs) {
			expect(status(probe!.isDone(garbage))).toBe('cannot tell');
		}
	});

	it('renders named placeholders per backend before the policy is read, and never passes an unreadable one', () => {
		expect(lines(exampleStep('ganeti-ipolicy'))).toEqual([
			"gnt1.example.synnefo.org: gnt-cluster modify --ipolicy-bounds-specs '<ispecs:ganeti1>'",
			"gnt1.example.synnefo.org: gnt-group modify --ipolicy-bounds-specs '<groups:ganeti1>' '<GROUP>'",
			"gnt3.example.synnefo.org: gnt-cluster modify --ipolicy-bounds-specs '<ispecs:ganeti2>'",
			"gnt3.example.synnefo.org: gnt-group modify --ipolicy-bounds-specs '<groups:ganeti2>' '<GROUP>'",
		]);
		const broken = exampleStep('ganeti-ipolicy', {facts: {...facts, 'ispecs:ganeti1': 'gnt-cluster init --ipolicy-bounds-specs min:nic-count=1/max:nic-count=8 c'}});
		const first = commandsOf(broken)[0]!;
		expect(first.mutates).toBe(false);
		expect(first.check!(output(''))).toMatchObject({ok: false, detail: expect.stringMatching(/^could not read the instance policy of ganeti1/) as unknown});
	});
});
