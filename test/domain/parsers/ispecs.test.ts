import {describe, expect, it} from 'vitest';
import {parseShowIspecsCmd, renderBoundsSpecs, withNicCounts} from '../../../source/domain/parsers/ispecs.js';

// Exactly as printed by Ganeti 3.0.2 (real-hosts §2) and as wrapped in the upgrade notes.
const realLine = 'gnt-cluster init --ipolicy-std-specs cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1 --ipolicy-bounds-specs min:cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=8,spindle-use=12 cluster.test\n';
const runbookWrapped = [
	'gnt-cluster init --ipolicy-std-specs cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1',
	'  --ipolicy-bounds-specs min:cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=8,spindle-use=12',
	'  ganeti.example.org',
].join('\n');
const runbookModify = 'min:cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=0,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=32,spindle-use=12';

const defaults = {
	min: {'cpu-count': 1, 'disk-count': 1, 'disk-size': 1024, 'memory-size': 128, 'nic-count': 1, 'spindle-use': 1},
	max: {'cpu-count': 8, 'disk-count': 16, 'disk-size': 1_048_576, 'memory-size': 32_768, 'nic-count': 8, 'spindle-use': 12},
};

describe('parseShowIspecsCmd', () => {
	it('reads the real one-line output', () => {
		expect(parseShowIspecsCmd(realLine)).toEqual({
			std: {'cpu-count': 1, 'disk-count': 1, 'disk-size': 1024, 'memory-size': 128, 'nic-count': 1, 'spindle-use': 1},
			bounds: [defaults],
			cluster: 'cluster.test',
		});
	});

	it('reads the runbook\'s wrapped form and gives the runbook\'s modify string', () => {
		const specs = parseShowIspecsCmd(runbookWrapped);
		expect(specs.cluster).toBe('ganeti.example.org');
		expect(renderBoundsSpecs(withNicCounts(specs.bounds, 0, 32))).toBe(runbookModify);
		expect(renderBoundsSpecs(withNicCounts(parseShowIspecsCmd(realLine).bounds, 0, 32))).toBe(runbookModify);
	});

	it('keeps every min/max pair and the admin\'s other values', () => {
		const line = 'gnt-cluster init --ipolicy-std-specs cpu-count=2,disk-count=1,disk-size=2048,memory-size=512,nic-count=1,spindle-use=1 --ipolicy-bounds-specs min:cpu-count=1,disk-count=1,disk-size=128,memory-size=128,nic-count=1,spindle-use=1/max:cpu-count=24,disk-count=16,disk-size=1048576,memory-size=65536,nic-count=8,spindle-use=12//min:spindle-use=1,nic-count=2,memory-size=1024,disk-size=1024,disk-count=1,cpu-count=1/max:cpu-count=48,disk-count=16,disk-size=2097152,memory-size=262144,nic-count=8,spindle-use=12 big.cluster';
		const bounds = withNicCounts(parseShowIspecsCmd(line).bounds, 0, 32);
		expect(bounds).toHaveLength(2);
		expect(renderBoundsSpecs(bounds)).toBe('min:cpu-count=1,disk-count=1,disk-size=128,memory-size=128,nic-count=0,spindle-use=1/max:cpu-count=24,disk-count=16,disk-size=1048576,memory-size=65536,nic-count=32,spindle-use=12'
			+ '//min:cpu-count=1,disk-count=1,disk-size=1024,memory-size=1024,nic-count=0,spindle-use=1/max:cpu-count=48,disk-count=16,disk-size=2097152,memory-size=262144,nic-count=32,spindle-use=12');
	});

	it('does not change the parsed specs', () => {
		const specs = parseShowIspecsCmd(realLine);
		withNicCounts(specs.bounds, 0, 32);
		expect(specs.bounds[0]).toEqual(defaults);
	});

	it.each([
		['no command', 'Failure: command execution error', /No "gnt-cluster init"/],
		['no bounds', 'gnt-cluster init --ipolicy-std-specs cpu-count=1 c', /No --ipolicy-bounds-specs/],
		['no std', 'gnt-cluster init --ipolicy-bounds-specs min:a=1/max:a=2 c', /No --ipolicy-std-specs/],
		['partial pair', 'gnt-cluster init --ipolicy-std-specs cpu-count=1 --ipolicy-bounds-specs min:nic-count=0/max:nic-count=32 c', /min\/0 bounds .* lacks cpu-count, disk-count, disk-size, memory-size, spindle-use/],
		['max missing', realLine.replace('/max:cpu-count=8,', '/max:'), /max\/0 bounds .* lacks cpu-count/],
		['bad value', realLine.replace('disk-size=1024,memory', 'disk-size=1G,memory'), /disk-size=1G/],
		['no max half', 'gnt-cluster init --ipolicy-std-specs cpu-count=1 --ipolicy-bounds-specs min:cpu-count=1 c', /expected min:…\/max:…/],
		['no cluster name', realLine.replace(' cluster.test', ''), /cluster name .* none/],
	])('throws on %s', (_name, output, message) => {
		expect(() => parseShowIspecsCmd(output)).toThrow(message);
	});
});
