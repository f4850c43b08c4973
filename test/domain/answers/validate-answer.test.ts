import {generateSecret} from '../../../source/state/answers-session.js';
import {describe, expect, it} from 'vitest';
import type {AnswerSpec} from '../../../source/domain/answer-types.js';
import {answerSpecs} from '../../../source/domain/answers-schema.js';
import {describeGiven, parseAnswerText} from '../../../source/domain/answers/answer-text.js';
import {validateAnswer} from '../../../source/domain/answers/validate-answer.js';

function spec(key: string): AnswerSpec {
	const found = answerSpecs.find(candidate => candidate.key === key);
	if (!found) {
		throw new Error(`no spec ${key}`);
	}

	return found;
}

describe('validateAnswer accepts', () => {
	it.each([
		['astakosBaseUrl', 'https://accounts.example.synnefo.org/', 'https://accounts.example.synnefo.org/'],
		['statsBaseUrl', 'http://stats.example.org:8080/stats', 'http://stats.example.org:8080/stats'],
		['settingsDir', '/etc/synnefo', '/etc/synnefo'],
		['vncPassword', '12345678', '12345678'],
		['sudoPassword', 'x', 'x'],
		['vncServerPort', 24_999, 24_999],
		['ipolicyMinNicCount', 0, 0],
		['vncEnableSsl', false, false],
		['backupDatabases', ['snf_apps'], ['snf_apps']],
		['quotaExcludeUsers', [], []],
		['quotaFloatingIp', 2, '2'],
		['quotaFloatingIp', '2', '2'],
		['quotaTotalRam', '40g', '40G'],
		['quotaTotalRam', '40 GiB', '40G'],
		['quotaTotalRam', '1kb', '1K'],
		['quotaTotalCpu', 'INF', 'inf'],
		['quotaTotalCpu', 'Infinite', 'inf'],
		['quotaTotalRam', '8191P', '8191P'],
		['aptConffiles', 'new', 'new'],
		['vncUser', 'synnefo', 'synnefo'],
		['shibbolethRemoteUser', 'persistent-nameid persistent-id targeted-id', 'persistent-nameid persistent-id targeted-id'],
		['shibbolethRemoteUser', 'mail', 'mail'],
		['backupCommand', 'pg_dump {db} > {file}', 'pg_dump {db} > {file}'],
	] as const)('%s = %j → %j', (key, raw, value) => {
		expect(validateAnswer(spec(key), raw)).toEqual({ok: true, value});
	});
});

describe('validateAnswer rejects', () => {
	it.each([
		['astakosBaseUrl', 'accounts.example.org', 'URL'],
		['astakosBaseUrl', 'ftp://accounts.example.org/', 'http:// or https://'],
		['astakosBaseUrl', 'https://', 'host name'],
		['astakosBaseUrl', 'https:///path', 'host name'],
		['astakosBaseUrl', ' https://a.example.org/', 'URL'],
		['astakosBaseUrl', 42, 'URL'],
		['settingsDir', 'etc/synnefo', 'absolute path'],
		['vncPassword', 'short', 'at least 8 characters'],
		['vncPassword', '12345678\n', 'one line'],
		['sudoPassword', '', 'non-empty'],
		['vncServerPort', -1, 'from 1 to 65535'],
		['vncServerPort', 1.5, 'whole number'],
		['vncServerPort', 0, 'from 1 to 65535'],
		['vncServerPort', 65_536, 'from 1 to 65535'],
		['vncServerPort', '24999', 'whole number'],
		['ipolicyMinNicCount', -1, 'at least 0'],
		['nicsBackendId', 0, 'at least 1'],
		['vncEnableSsl', 'yes', 'true or false'],
		['backupDatabases', 'snf_apps', 'a list'],
		['backupDatabases', ['snf_apps', 'bad-name'], 'item 2, "bad-name"'],
		['backupDatabases', ['snf_apps', 3], 'item 2, a number'],
		['floatingIpPoolNetworks', ['0'], 'network ID'],
		['quotaFloatingIp', -2, 'whole number'],
		['quotaFloatingIp', '-2', 'whole number'],
		['quotaFloatingIp', '1.5G', 'whole number'],
		['quotaTotalRam', '40X', 'unit'],
		['quotaTotalRam', '8192P', 'unit'],
		['quotaTotalRam', true, 'inf'],
		['aptConffiles', 'confold', "one of 'keep', 'new'"],
		['vncUser', 'Synnefo', 'lower-case'],
		['backupCommand', 'pg_dump {db}', '{db} and {file}'],
		['expectedVersion', '', 'Debian version'],
		['statsRrdMigrationCommand', 'a\nb', 'one line'],
		['statsRrdMigrationCommand', '  ', 'non-empty'],
	] as const)('%s = %j (expects %s)', (key, raw, expected) => {
		const result = validateAnswer(spec(key), raw);
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.expected).toContain(expected);
	});
});

describe('parseAnswerText (--set and prompts)', () => {
	it.each([
		['vncServerPort', ' 2222 ', 2222],
		['vncEnableSsl', 'yes', true],
		['vncEnableSsl', 'NO', false],
		['vncEnableSsl', '1', true],
		['vncEnableSsl', '0', false],
		['vncEnableSsl', 'true', true],
		['backupDatabases', 'a, b ,c', ['a', 'b', 'c']],
		['backupDatabases', '', []],
		['quotaTotalRam', '40g', '40G'],
		['pithosBaseUrl', ' https://pithos.example.org/pithos/ ', 'https://pithos.example.org/pithos/'],
		['vncPassword', ' spaced secret ', ' spaced secret '],
	] as const)('%s %j → %j', (key, text, value) => {
		expect(parseAnswerText(spec(key), text)).toEqual({ok: true, value});
	});

	it.each([
		['vncServerPort', 'abc', 'whole number'],
		['vncServerPort', '-5', 'whole number'],
		['vncEnableSsl', 'maybe', 'yes/no'],
		['backupDatabases', 'a,,b', 'item 2'],
	] as const)('%s %j is rejected (%s)', (key, text, expected) => {
		const result = parseAnswerText(spec(key), text);
		expect(result.ok ? '' : result.expected).toContain(expected);
	});
});

describe('secrets are printable ASCII (Python 2.7 sha256() raises UnicodeEncodeError on others)', () => {
	it.each([
		['statsSecretKey', 'clé-secrète-2014'],
		['statsSecretKey', 'ключключключ'],
		['pithosOauthSecret', 'secret\u00A0with-nbsp'],
		['vncPassword', 'emoji-🔑-password'],
		['vncPassword', 'tab\there-password'],
	] as const)('%s %j is refused, and the message says why without showing it', (key, secret) => {
		const result = validateAnswer(spec(key), secret);
		expect(result).toEqual({ok: false, expected: expect.stringContaining('printable ASCII only') as unknown});
		expect(JSON.stringify(result)).not.toContain(secret);
	});

	it('takes every printable ASCII character, and a generated secret', () => {
		const all = Array.from({length: 0x7F - 0x20}, (_, index) => String.fromCodePoint(0x20 + index)).join('');
		expect(validateAnswer(spec('statsSecretKey'), all)).toEqual({ok: true, value: all});
		const generated = generateSecret();
		expect(validateAnswer(spec('pithosOauthSecret'), generated)).toEqual({ok: true, value: generated});
	});

	it('leaves the sudo password alone: it is the host\'s own, only typed at sudo\'s prompt', () => {
		expect(validateAnswer(spec('sudoPassword'), 'пароль')).toEqual({ok: true, value: 'пароль'});
	});
});

describe('describeGiven', () => {
	it('never shows a secret', () => {
		expect(describeGiven(spec('vncPassword'), 'hunter2')).toBe('a secret of 7 characters');
	});

	it('quotes other values', () => {
		expect(describeGiven(spec('vncUser'), 'Bad')).toBe('"Bad"');
		expect(describeGiven(spec('vncServerPort'), null)).toBe('null');
	});
});

describe('every spec', () => {
	it.each(answerSpecs.filter(candidate => candidate.default !== undefined).map(candidate => [candidate.key, candidate] as const))('%s: its default passes its own validation', (_key, candidate) => {
		expect(validateAnswer(candidate, candidate.default)).toEqual({ok: true, value: candidate.default});
	});
});
