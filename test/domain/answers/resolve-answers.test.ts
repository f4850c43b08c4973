import {describe, expect, it} from 'vitest';
import type {AnswerSpec} from '../../../source/domain/answer-types.js';
import {answerSpecs} from '../../../source/domain/answers-schema.js';
import {resolveAnswers} from '../../../source/domain/answers/resolve-answers.js';

describe('resolveAnswers derivations (facts §1.3, §3.2, §3.4; runbook 2.7)', () => {
	it.each([
		[{astakosBaseUrl: 'https://accounts.example.synnefo.org/'}, 'astakosAuthUrl', 'https://accounts.example.synnefo.org/identity/v2.0'],
		[{astakosBaseUrl: 'https://accounts.example.synnefo.org'}, 'astakosAuthUrl', 'https://accounts.example.synnefo.org/identity/v2.0'],
		[{pithosBaseUrl: 'https://node2.example.com/pithos/'}, 'pithosOauthRedirectUrl', 'https://node2.example.com/pithos/ui/view'],
		[{cycladesUiUrl: 'https://compute.example.synnefo.org/cyclades/ui/'}, 'cycladesComponentBaseUrl', 'https://compute.example.synnefo.org/cyclades'],
		[{astakosUiUrl: 'https://accounts.example.synnefo.org/astakos/ui'}, 'astakosComponentBaseUrl', 'https://accounts.example.synnefo.org/astakos'],
		[{pithosUiUrl: 'https://storage.example.synnefo.org/pithos/ui'}, 'pithosComponentBaseUrl', 'https://storage.example.synnefo.org/pithos'],
		[{shibbolethRemoteUser: 'persistent-nameid persistent-id targeted-id'}, 'shibbolethMigrateEppn', true],
		[{shibbolethRemoteUser: 'eppn persistent-id targeted-id'}, 'shibbolethMigrateEppn', false],
		[{}, 'shibbolethMigrateEppn', false],
	] as const)('%j → %s = %j', (given, key, value) => {
		const resolved = resolveAnswers(given);
		expect(resolved.get(key)).toEqual(value);
		expect(resolved.source(key)).toBe('derived');
	});

	it('a given value wins over the derivation', () => {
		const resolved = resolveAnswers({astakosBaseUrl: 'https://a.example.org/', astakosAuthUrl: 'https://b.example.org/identity/v2.0'});
		expect(resolved.get('astakosAuthUrl')).toBe('https://b.example.org/identity/v2.0');
		expect(resolved.source('astakosAuthUrl')).toBe('given');
	});
});

describe('resolveAnswers sources and missing keys', () => {
	const resolved = resolveAnswers({vncServerPort: 2222});

	it.each([
		['vncServerPort', 'given', 2222],
		['vncUser', 'default', 'synnefo'],
		['backupDatabases', 'default', ['snf_apps', 'snf_pithos']],
		['astakosAuthUrl', 'missing', undefined],
		['vncPassword', 'missing', undefined],
		['sudoPassword', 'missing', undefined],
	] as const)('%s is %s', (key, source, value) => {
		expect(resolved.source(key)).toBe(source);
		expect(resolved.get(key)).toEqual(value);
	});

	it('lists missing required keys, without optional keys or generated secrets', () => {
		expect(resolved.missingRequired()).toEqual([
			'astakosBaseUrl', 'astakosAuthUrl', 'pithosBaseUrl', 'pithosOauthRedirectUrl', 'statsBaseUrl', 'floatingIpPoolNetworks',
			'astakosUiUrl', 'astakosComponentBaseUrl', 'cycladesUiUrl', 'cycladesComponentBaseUrl', 'pithosUiUrl', 'pithosComponentBaseUrl', 'quotaFloatingIp',
		]);
	});

	it('lists generated secrets separately', () => {
		expect(resolved.missingGenerated()).toEqual(['pithosOauthSecret', 'vncPassword', 'statsSecretKey']);
	});

	it('values() holds every key with a value', () => {
		const values = resolved.values();
		expect(values.vncServerPort).toBe(2222);
		expect(values.settingsDir).toBe('/etc/synnefo');
		expect('vncPassword' in values).toBe(false);
	});

	it('an unknown key is a programming error', () => {
		expect(() => resolved.get('nope')).toThrow("Unknown answer key 'nope'");
	});
});

describe('answerSpecs', () => {
	it('has unique keys', () => {
		const keys = answerSpecs.map(spec => spec.key);
		expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
	});
});

describe('resolveAnswers with custom specs', () => {
	it('derivations read other resolved values (derived from derived, defaults)', () => {
		const specs: AnswerSpec[] = [
			{key: 'a', type: 'string', section: 'general', description: 'a', default: 'x'},
			{key: 'b', type: 'string', section: 'general', description: 'b', derive: get => `${String(get('a'))}-b`},
			{key: 'c', type: 'string', section: 'general', description: 'c', derive: get => `${String(get('b'))}-c`, default: 'unused'},
		];
		expect(resolveAnswers({}, specs).get('c')).toBe('x-b-c');
		expect(resolveAnswers({a: 'y'}, specs).get('c')).toBe('y-b-c');
	});

	it('falls back to the default when the derivation has nothing', () => {
		const specs: AnswerSpec[] = [
			{key: 'a', type: 'string', section: 'general', description: 'a', optional: true},
			{key: 'b', type: 'string', section: 'general', description: 'b', derive: get => get('a'), default: 'fallback'},
		];
		const resolved = resolveAnswers({}, specs);
		expect(resolved.get('b')).toBe('fallback');
		expect(resolved.source('b')).toBe('default');
		expect(resolved.missingRequired()).toEqual([]);
	});

	it('reports a derivation cycle as a bug', () => {
		const specs: AnswerSpec[] = [
			{key: 'a', type: 'string', section: 'general', description: 'a', derive: get => get('b')},
			{key: 'b', type: 'string', section: 'general', description: 'b', derive: get => get('a')},
		];
		expect(() => resolveAnswers({}, specs).get('a')).toThrow('cycle');
	});
});
