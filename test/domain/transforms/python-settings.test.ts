import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {PyValue} from '../../../source/domain/action-types.js';
import {commentOutPythonSetting, setPythonSetting} from '../../../source/domain/transforms/python-settings.js';
import {evaluateSettings} from './python-oracle.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/transforms/${name}`, import.meta.url), 'utf8');
const cycladesApi = fixture('20-snf-cyclades-app-api.conf');
const pithosSettings = fixture('20-snf-pithos-app-settings.conf');
const astakosSettings = fixture('20-snf-astakos-app-settings.conf');

const vncSample = cycladesApi.slice(cycladesApi.indexOf('#CYCLADES_VNCAUTHPROXY_OPTS = {'), cycladesApi.indexOf('#}\n') + 3);

/** Lines (as a multiset) that were removed and added. */
function lineChanges(before: string, after: string): {removed: string[]; added: string[]} {
	const count = (text: string): Map<string, number> => {
		const map = new Map<string, number>();
		for (const line of text.split('\n')) {
			map.set(line, (map.get(line) ?? 0) + 1);
		}

		return map;
	};

	const a = count(before);
	const b = count(after);
	const diff = (x: Map<string, number>, y: Map<string, number>): string[] =>
		[...x].flatMap(([line, n]) => Array.from({length: Math.max(0, n - (y.get(line) ?? 0))}, () => line));
	return {removed: diff(a, b), added: diff(b, a)};
}

function setTwice(text: string, name: string, value: PyValue): string {
	const once = setPythonSetting(text, name, value, 'reveal');
	expect(setPythonSetting(once, name, value, 'reveal')).toBe(once);
	expect(once).toMatch(/^[\t\n\r -~]*$/);
	return once;
}

const tricky = ['it\'s', 'say "hi"', String.raw`back\slash\\`, '$(touch /tmp/pwned)', '`id`', 'κωδικός ✓', 'emoji 🔑', 'two\nlines', ''];

describe('setPythonSetting', () => {
	it('uncomments a #NAME = sample in place; every other line stays', () => {
		const url = 'https://accounts.example.synnefo.org/identity/v2.0';
		const result = setTwice(cycladesApi, 'ASTAKOS_AUTH_URL', url);
		expect(result).toBe(cycladesApi.replace(`#ASTAKOS_AUTH_URL = '${url}'`, `ASTAKOS_AUTH_URL = '${url}'`));
		expect(evaluateSettings(result, ['ASTAKOS_AUTH_URL']).values).toEqual({ASTAKOS_AUTH_URL: url});
	});

	it('uncomments a "# NAME =" sample (Astakos style)', () => {
		const result = setTwice(astakosSettings, 'ASTAKOS_SHIBBOLETH_MIGRATE_EPPN', true);
		expect(lineChanges(astakosSettings, result)).toEqual({
			removed: ['# ASTAKOS_SHIBBOLETH_MIGRATE_EPPN = False'],
			added: ['ASTAKOS_SHIBBOLETH_MIGRATE_EPPN = True'],
		});
		expect(evaluateSettings(result, ['ASTAKOS_SHIBBOLETH_MIGRATE_EPPN', 'ASTAKOS_IM_MODULES']).values)
			.toEqual({ASTAKOS_SHIBBOLETH_MIGRATE_EPPN: true, ASTAKOS_IM_MODULES: ['local', 'shibboleth']});
	});

	it.each(tricky.map(value => [JSON.stringify(value), value]))('writes %s so that python reads it back', (_label, value) => {
		const result = setTwice(cycladesApi, 'CYCLADES_STATS_SECRET_KEY', {secret: 'statsSecretKey', value});
		expect(evaluateSettings(result, ['CYCLADES_STATS_SECRET_KEY']).values).toEqual({CYCLADES_STATS_SECRET_KEY: value});
		expect(lineChanges(cycladesApi, result).removed).toEqual(['#CYCLADES_STATS_SECRET_KEY = "secret key"']);
	});

	it('replaces the whole multi-line CYCLADES_VNCAUTHPROXY_OPTS sample, inner comments included', () => {
		const value: PyValue = {dict: [
			['auth_user', 'synnefo'],
			['auth_password', {secret: 'vncPassword', value: 'p@ss\'w"rd κ'}],
			['server_address', '127.0.0.1'],
			['server_port', 24_999],
			['enable_ssl', false],
			['ca_cert', null],
			['strict', false],
		]};
		const result = setTwice(cycladesApi, 'CYCLADES_VNCAUTHPROXY_OPTS', value);
		const assignment = [
			'CYCLADES_VNCAUTHPROXY_OPTS = {',
			'    \'auth_user\': \'synnefo\',',
			String.raw`    'auth_password': u'p@ss\'w"rd \u03ba',`,
			'    \'server_address\': \'127.0.0.1\',',
			'    \'server_port\': 24999,',
			'    \'enable_ssl\': False,',
			'    \'ca_cert\': None,',
			'    \'strict\': False,',
			'}\n',
		].join('\n');
		expect(result).toBe(cycladesApi.replace(vncSample, assignment));
		const evaluated = evaluateSettings(result, ['CYCLADES_VNCAUTHPROXY_OPTS']);
		expect(evaluated.types).toEqual({CYCLADES_VNCAUTHPROXY_OPTS: 'dict'});
		expect(evaluated.values['CYCLADES_VNCAUTHPROXY_OPTS']).toEqual({
			auth_user: 'synnefo', auth_password: 'p@ss\'w"rd κ', server_address: '127.0.0.1', server_port: 24_999, enable_ssl: false, ca_cert: null, strict: false,
		});
		expect(setPythonSetting(cycladesApi, 'CYCLADES_VNCAUTHPROXY_OPTS', value, 'mask')).toContain('    \'auth_password\': \'••••\',\n');
	});

	it('replaces a live multi-line dict with brackets and quotes in strings and comments', () => {
		const before = [
			'# -*- the admin wrote this -*-',
			'CYCLADES_VNCAUTHPROXY_OPTS = {',
			'    \'auth_user\': \'old\',  # closes } here',
			'    \'auth_password\': \'\'\'pa}ss',
			'#NOT_A_SETTING = 1 )',
			'\'\'\',',
			'    \'server_port\': (24999',
			'                    ),',
			'}',
			'CYCLADES_SERVERS_FQDN = "snf-%(id)s.vm.example.org"  # {',
			'',
		].join('\n');
		const result = setTwice(before, 'CYCLADES_VNCAUTHPROXY_OPTS', {dict: [['auth_user', 'synnefo'], ['auth_password', 'x']]});
		expect(result).toBe([
			'# -*- the admin wrote this -*-',
			'CYCLADES_VNCAUTHPROXY_OPTS = {',
			'    \'auth_user\': \'synnefo\',',
			'    \'auth_password\': \'x\',',
			'}',
			'CYCLADES_SERVERS_FQDN = "snf-%(id)s.vm.example.org"  # {',
			'',
		].join('\n'));
		expect(evaluateSettings(result, ['CYCLADES_VNCAUTHPROXY_OPTS', 'CYCLADES_SERVERS_FQDN']).values).toEqual({
			CYCLADES_VNCAUTHPROXY_OPTS: {auth_user: 'synnefo', auth_password: 'x'},
			CYCLADES_SERVERS_FQDN: 'snf-%(id)s.vm.example.org',
		});
	});

	it('sets the PITHOS_OAUTH2_CLIENT_CREDENTIALS tuple from its (None, None) sample', () => {
		const value: PyValue = {tuple: ['pithos-view', {secret: 'pithosOauthSecret', value: 'Zx9\'$(id)'}]};
		const result = setTwice(pithosSettings, 'PITHOS_OAUTH2_CLIENT_CREDENTIALS', value);
		expect(lineChanges(pithosSettings, result)).toEqual({
			removed: ['#PITHOS_OAUTH2_CLIENT_CREDENTIALS = (None, None)'],
			added: [String.raw`PITHOS_OAUTH2_CLIENT_CREDENTIALS = ('pithos-view', 'Zx9\'$(id)')`],
		});
		const evaluated = evaluateSettings(result, ['PITHOS_OAUTH2_CLIENT_CREDENTIALS']);
		expect(evaluated.types).toEqual({PITHOS_OAUTH2_CLIENT_CREDENTIALS: 'tuple'});
		expect(evaluated.values).toEqual({PITHOS_OAUTH2_CLIENT_CREDENTIALS: ['pithos-view', 'Zx9\'$(id)']});
		const masked = setPythonSetting(pithosSettings, 'PITHOS_OAUTH2_CLIENT_CREDENTIALS', value, 'mask');
		expect(masked).toContain('PITHOS_OAUTH2_CLIENT_CREDENTIALS = (\'pithos-view\', \'••••\')\n');
		expect(masked).not.toContain('Zx9');
	});

	it('replaces the first of several live assignments and comments out the later ones', () => {
		const before = 'STATS_REFRESH_PERIOD = 10\nX = 1\nSTATS_REFRESH_PERIOD = (\n    20)\n';
		const result = setTwice(before, 'STATS_REFRESH_PERIOD', 60);
		expect(result).toBe('STATS_REFRESH_PERIOD = 60\nX = 1\n#STATS_REFRESH_PERIOD = (\n#    20)\n');
		expect(evaluateSettings(result, ['STATS_REFRESH_PERIOD', 'X']).values).toEqual({STATS_REFRESH_PERIOD: 60, X: 1});
	});

	it('appends when there is neither an assignment nor a sample', () => {
		expect(setTwice('', 'PITHOS_UNSAFE_DOMAIN', 'x.org')).toBe('PITHOS_UNSAFE_DOMAIN = \'x.org\'\n');
		expect(setTwice('A = 1', 'B', {dict: [['k', 1]]})).toBe('A = 1\nB = {\n    \'k\': 1,\n}\n');
		const result = setTwice(pithosSettings, 'PITHOS_BACKEND_STORAGE', 'nfs');
		expect(result).toBe(`${pithosSettings}PITHOS_BACKEND_STORAGE = 'nfs'\n`);
		expect(evaluateSettings(result, ['PITHOS_BACKEND_STORAGE']).values).toEqual({PITHOS_BACKEND_STORAGE: 'nfs'});
	});

	it('ignores look-alikes: indented, inside strings, comparisons and longer names', () => {
		const before = 'DOC = """\nASTAKOS_AUTH_URL = \'inside a string\'\n"""\nASTAKOS_AUTH_URL_X = 1\nif True:\n    ASTAKOS_AUTH_URL = 2\n';
		const result = setTwice(before, 'ASTAKOS_AUTH_URL', 'u');
		expect(result).toBe(`${before}ASTAKOS_AUTH_URL = 'u'\n`);
	});

	it('keeps CRLF line endings and a missing final newline', () => {
		const before = 'A = 1\r\n#B = {\r\n#    \'x\': 1,\r\n#}\r\nC = 3';
		expect(setTwice(before, 'B', {dict: [['y', 2]]})).toBe('A = 1\r\nB = {\r\n    \'y\': 2,\r\n}\r\nC = 3');
		expect(setTwice(before, 'C', 4)).toBe('A = 1\r\n#B = {\r\n#    \'x\': 1,\r\n#}\r\nC = 4');
		expect(setTwice(before, 'D', 5)).toBe(`${before}\r\nD = 5\r\n`);
	});

	it('refuses a name that is not a Python identifier', () => {
		expect(() => setPythonSetting('', 'A.B', 1, 'reveal')).toThrow(/Not a Python setting name/);
	});
});

describe('commentOutPythonSetting', () => {
	it('comments out ASTAKOS_BASE_URL while the file\'s other settings stay', () => {
		const before = `${cycladesApi}CYCLADES_BASE_URL = 'https://compute.example.org/'\nASTAKOS_BASE_URL = \\\n    'https://accounts.example.org/'\n`;
		const result = commentOutPythonSetting(before, 'ASTAKOS_BASE_URL');
		expect(commentOutPythonSetting(result, 'ASTAKOS_BASE_URL')).toBe(result);
		expect(lineChanges(before, result)).toEqual({
			removed: ['ASTAKOS_BASE_URL = \'https://accounts.example.synnefo.org/\'', 'ASTAKOS_BASE_URL = \\', '    \'https://accounts.example.org/\''],
			added: ['#ASTAKOS_BASE_URL = \'https://accounts.example.synnefo.org/\'', '#ASTAKOS_BASE_URL = \\', '#    \'https://accounts.example.org/\''],
		});
		expect(evaluateSettings(before, ['ASTAKOS_BASE_URL', 'CYCLADES_BASE_URL']).values)
			.toEqual({ASTAKOS_BASE_URL: 'https://accounts.example.org/', CYCLADES_BASE_URL: 'https://compute.example.org/'});
		expect(evaluateSettings(result, ['ASTAKOS_BASE_URL', 'CYCLADES_BASE_URL']).values)
			.toEqual({CYCLADES_BASE_URL: 'https://compute.example.org/'});
	});

	it('is a no-op without a live assignment', () => {
		expect(commentOutPythonSetting(pithosSettings, 'ASTAKOS_BASE_URL')).toBe(pithosSettings);
	});
});
