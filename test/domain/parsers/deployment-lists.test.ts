import {describe, expect, it} from 'vitest';
import {parseBackends} from '../../../source/domain/parsers/backend-list.js';
import {parseComponentUiUrls} from '../../../source/domain/parsers/component-list.js';
import {backendIds, parsePublicNetworks} from '../../../source/domain/parsers/network-list.js';
import {parseRemoteUser} from '../../../source/domain/parsers/remote-user.js';
import {parseResourceDefaults} from '../../../source/domain/parsers/resource-list.js';

const json = (rows: unknown[]) => JSON.stringify(rows, null, 4);

describe('host reader parsers', () => {
	it('component-list: UI URLs by name, None left out', () => {
		const urls = parseComponentUiUrls(json([{name: 'astakos', ui_url: 'https://a/ui'}, {name: 'home', ui_url: 'None'}]));
		expect([...urls]).toEqual([['astakos', 'https://a/ui']]);
		expect(() => parseComponentUiUrls(json([{name: 'astakos'}]))).toThrow(/without name and ui_url/);
	});

	it('network-list: backends as str() of a values_list (ints or Python 2 longs) or a comma list; anything else is refused', () => {
		expect(backendIds('[1, 2]')).toEqual(['1', '2']);
		expect(backendIds('[1L, 3L]')).toEqual(['1', '3']);
		expect(backendIds('[]')).toEqual([]);
		expect(backendIds('1,2')).toEqual(['1', '2']);
		expect(() => backendIds('<ValuesListQuerySet>')).toThrow(/not a list of backend IDs/);
		expect(parsePublicNetworks(json([{id: '1', name: 'public', link: 'br0', mode: 'bridged', backends: '[1, 2]'}]))).toEqual([{id: '1', name: 'public', link: 'br0', mode: 'bridged', backends: ['1', '2']}]);
		expect(() => parsePublicNetworks(json([{id: '1', name: 'public'}]))).toThrow(/without link, mode, backends/);
	});

	it('backend-list: drained and offline must read True or False', () => {
		expect(parseBackends(json([{id: '1', clustername: 'g1', drained: 'False', offline: 'True'}]))).toEqual([{id: '1', clustername: 'g1', drained: false, offline: true}]);
		expect(() => parseBackends(json([{id: '1', clustername: 'g1', drained: 'maybe', offline: 'False'}]))).toThrow(/drained "maybe"/);
	});

	it('resource-list: default_quota (0.15) or limit (0.14.10); 2**63-1 is inf', () => {
		expect([...parseResourceDefaults(json([{name: 'cyclades.floating_ip', default_quota: '2'}, {name: 'cyclades.total_ram', default_quota: '9223372036854775807'}]))]).toEqual([['cyclades.floating_ip', '2'], ['cyclades.total_ram', 'inf']]);
		expect([...parseResourceDefaults(json([{name: 'cyclades.vm', limit: '4'}]))]).toEqual([['cyclades.vm', '4']]);
		expect(() => parseResourceDefaults(json([{name: 'x'}]))).toThrow(/without name and default_quota/);
	});

	it('shibboleth2.xml: REMOTE_USER of ApplicationDefaults, unescaped; absent attribute; no element', () => {
		const xml = '<SPConfig xmlns="urn:mace:shibboleth:2.0:native:sp:config">\n<ApplicationDefaults entityID="https://sp/shibboleth"\n  REMOTE_USER="eppn  persistent-id&#9;targeted-id">\n</ApplicationDefaults></SPConfig>';
		expect(parseRemoteUser(xml)).toBe('eppn persistent-id targeted-id');
		expect(parseRemoteUser('<conf:ApplicationDefaults entityID="x" REMOTE_USER=\'a&amp;b\'/>')).toBe('a&b');
		expect(parseRemoteUser('<ApplicationDefaults entityID="x"/>')).toBeUndefined();
		expect(() => parseRemoteUser('<!-- <ApplicationDefaults REMOTE_USER="x"/> --><SPConfig/>')).toThrow(/No <ApplicationDefaults> element/);
	});
});
