import {describe, expect, it} from 'vitest';
import {checkHostIds, parseHostIds} from '../../source/domain/host-selection.js';
import {InputError} from '../../source/domain/errors.js';

describe('--hosts values', () => {
	it('takes ids separated by commas, spaces or lines, once each, without comments', () => {
		expect(parseHostIds('gnt2,gnt10\n# the retry file of last night\ngnt2  astakos\n\n')).toEqual(['gnt2', 'gnt10', 'astakos']);
	});

	it('refuses an empty list and unknown ids (exit 2), naming each with the closest known id', () => {
		expect(() => checkHostIds([], ['gnt1'], '@empty.hosts')).toThrow(InputError);
		expect(() => checkHostIds(['gnt1', 'gtn2', 'zzz'], ['gnt1', 'gnt2'], 'gnt1,gtn2,zzz')).toThrow("run: --hosts gnt1,gtn2,zzz: unknown hosts 'gtn2' (did you mean 'gnt2'?), 'zzz'");
	});
});
