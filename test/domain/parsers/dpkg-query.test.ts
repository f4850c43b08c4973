import {describe, expect, it} from 'vitest';
import {parseDpkgVersions} from '../../../source/domain/parsers/dpkg-query.js';

describe('parseDpkgVersions', () => {
	it('maps packages to versions and leaves out known-but-not-installed ones', () => {
		const versions = parseDpkgVersions('snf-common 0.15-1~wheezy\nsnf-webproject 0.15-1~wheezy\nsnf-stats-app \n\n');
		expect([...versions]).toEqual([['snf-common', '0.15-1~wheezy'], ['snf-webproject', '0.15-1~wheezy']]);
	});
});
