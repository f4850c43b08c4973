import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parseDiskTemplates} from '../../../source/domain/parsers/gnt-cluster-info.js';

const info = readFileSync(new URL('../../fixtures/parsers/gnt-cluster-info.txt', import.meta.url), 'utf8');

describe('parseDiskTemplates', () => {
	it('reads enabled (cluster parameters) and allowed (instance policy) templates in Ganeti\'s order', () => {
		expect(parseDiskTemplates(info)).toEqual({enabled: ['file', 'sharedfile', 'diskless', 'ext'], allowed: ['file', 'ext', 'diskless']});
	});

	it('reads the not-customised "default (…)" form and empty lists', () => {
		const text = info.replace('allowed disk templates: file, ext, diskless', 'allowed disk templates: default (sharedfile, file, diskless)')
			.replace('enabled disk templates: file, sharedfile, diskless, ext', 'enabled disk templates: ');
		expect(parseDiskTemplates(text)).toEqual({enabled: [], allowed: ['sharedfile', 'file', 'diskless']});
	});

	it('throws naming the missing line', () => {
		expect(() => parseDiskTemplates(info.replace('  allowed disk templates: file, ext, diskless\n', ''))).toThrow('No "allowed disk templates" line');
		expect(() => parseDiskTemplates('')).toThrow('No "enabled disk templates" line');
	});
});
