import {describe, expect, it} from 'vitest';
import {parseAnswersDocument} from '../../../source/domain/answers/answers-document.js';
import {inputErrorOf} from '../../helpers/input-error.js';

const fullDocument = {
	version: 1,
	inventory: {
		astakos: 'admin@accounts.example.org',
		cyclades: 'admin@compute.example.org:2222',
		pithos: {name: 'pithos', ssh: 'admin@storage.example.org', sudo: true},
		stats: 'root@stats.example.org',
		vncauthproxy: 'admin@compute.example.org:2222',
		db: 'admin@accounts.example.org',
		ganeti: [{name: 'ganeti1', master: 'root@gnt1.example.org', nodes: ['root@gnt1.example.org', 'root@gnt2.example.org'], ipolicyDiskTemplates: ['ext']}],
	},
	answers: {
		astakosBaseUrl: 'https://accounts.example.synnefo.org/',
		vncPassword: {fromEnv: 'SNF_VNC_PASSWORD'},
		vncServerPort: 24_999,
		vncEnableSsl: true,
		backupDatabases: ['snf_apps'],
		quotaTotalRam: '40g',
		aptConffiles: 'new',
	},
};

const env = {SNF_VNC_PASSWORD: 'correct horse battery'};

function parse(document: unknown, environment: Record<string, string> = env) {
	return parseAnswersDocument(typeof document === 'string' ? document : JSON.stringify(document, undefined, 2), 'answers.json', environment);
}

function withAnswers(answers: Record<string, unknown>) {
	return {version: 1, answers};
}

describe('parseAnswersDocument: a full valid document', () => {
	const {answers, inventory} = parse(fullDocument);

	it('returns the validated answers, secrets read from the environment', () => {
		expect(answers).toEqual({
			astakosBaseUrl: 'https://accounts.example.synnefo.org/',
			vncPassword: 'correct horse battery',
			vncServerPort: 24_999,
			vncEnableSsl: true,
			backupDatabases: ['snf_apps'],
			quotaTotalRam: '40G',
			aptConffiles: 'new',
		});
	});

	it('returns the inventory with shared hosts', () => {
		expect(inventory?.astakos.id).toBe('accounts.example.org');
		expect(inventory?.db).toBe(inventory?.astakos);
		expect(inventory?.vncauthproxy).toBe(inventory?.cyclades);
		expect(inventory?.pithos).toMatchObject({id: 'pithos', sudo: true, label: 'admin@storage.example.org'});
		expect(inventory?.ganeti[0]?.nodes.map(node => node.id)).toEqual(['gnt1.example.org', 'gnt2.example.org']);
		expect(inventory?.ganeti[0]?.master).toBe(inventory?.ganeti[0]?.nodes[0]);
	});

	it('accepts a document without inventory and answers', () => {
		expect(parse({version: 1})).toEqual({answers: {}, inventory: undefined});
		expect(parse({version: 1, inventory: null}).inventory).toBeUndefined();
	});

	it('accepts a byte order mark', () => {
		expect(parse('\uFEFF{"version": 1}').answers).toEqual({});
	});
});

describe('parseAnswersDocument: errors name the file and the key', () => {
	it.each([
		['invalid JSON (trailing comma)', '{\n  "version": 1,\n}', 'answers.json: invalid JSON at line 3, column 1: unexpected \'}\' (a trailing comma is not allowed in JSON)'],
		['invalid JSON (missing comma)', '{\n  "version": 1\n  "answers": {}\n}', 'answers.json: invalid JSON at line 3, column 3: unexpected \'"\' (expected \',\' or \'}\')'],
		['invalid JSON (empty file)', '', 'answers.json: invalid JSON at line 1, column 1: unexpected end of file'],
		['not an object', '[]', 'answers.json: expected a JSON object with "version", "inventory" and "answers", got a list'],
		['unknown top-level field', {version: 1, answer: {}}, "answers.json: unknown field 'answer' (did you mean 'answers'?)"],
		['version 2', {version: 2}, 'answers.json: version: expected 1, got 2'],
		['no version', {answers: {}}, 'answers.json: version: expected 1, got nothing'],
		['answers not an object', {version: 1, answers: []}, 'answers.json: answers: expected an object of answers by key, got a list'],
		['unknown answer key', withAnswers({astakosBaseURL: 'https://a.example.org/'}), "answers.json: answers.astakosBaseURL: unknown answer key 'astakosBaseURL' (did you mean 'astakosBaseUrl'?)"],
		['unknown key, nothing close', withAnswers({colour: 'blue'}), "answers.json: answers.colour: unknown answer key 'colour'"],
		['wrong type', withAnswers({vncEnableSsl: 'yes'}), 'answers.json: answers.vncEnableSsl: expected true or false, got "yes"'],
		['null', withAnswers({vncUser: null}), 'answers.json: answers.vncUser: expected a lower-case name of at most 31 characters ([a-z_][a-z0-9_]*), got null'],
		['invalid URL', withAnswers({pithosBaseUrl: 'pithos.example.org'}), 'answers.json: answers.pithosBaseUrl: expected an http:// or https:// URL with a host name, got "pithos.example.org"'],
		['negative integer', withAnswers({ipolicyMaxNicCount: -3}), 'answers.json: answers.ipolicyMaxNicCount: expected a whole number of at least 1, got -3'],
		['non-integer', withAnswers({ipolicyMinNicCount: 0.5}), 'answers.json: answers.ipolicyMinNicCount: expected a whole number of at least 0, got 0.5'],
		['integer above max', withAnswers({vncServerPort: 70_000}), 'answers.json: answers.vncServerPort: expected a whole number from 1 to 65535, got 70000'],
		['bad quota', withAnswers({quotaFloatingIp: '2 ips'}), 'answers.json: answers.quotaFloatingIp: expected a whole number with an optional unit'],
		['list item failing its pattern', withAnswers({floatingIpPoolNetworks: ['1', 'net-2']}), 'answers.json: answers.floatingIpPoolNetworks: expected a list of texts, each a network ID (a positive integer) (item 2, "net-2", is not), got ["1","net-2"]'],
		['choice not in choices', withAnswers({convertPublicIps: 'some'}), "answers.json: answers.convertPublicIps: expected one of 'none', 'all', 'pools', got \"some\""],
		['short secret', withAnswers({statsSecretKey: 'abc'}), 'answers.json: answers.statsSecretKey: expected a secret of at least 8 characters on one line, printable ASCII only (space to ~: Python 2.7\'s sha256() in Synnefo fails on others), got a secret of 3 characters'],
		['empty sudo password', withAnswers({sudoPassword: ''}), 'answers.json: answers.sudoPassword: expected a non-empty password on one line, got a secret of 0 characters'],
		['short secret from env', withAnswers({vncPassword: {fromEnv: 'SHORT'}}), 'answers.json: answers.vncPassword (from $SHORT): expected a secret of at least 8 characters on one line, printable ASCII only (space to ~: Python 2.7\'s sha256() in Synnefo fails on others), got a secret of 5 characters'],
		['unset env variable', withAnswers({vncPassword: {fromEnv: 'SNF_NOT_SET'}}), 'answers.json: answers.vncPassword: the environment variable SNF_NOT_SET is not set'],
		['fromEnv on a non-secret', withAnswers({vncUser: {fromEnv: 'USER'}}), 'answers.json: answers.vncUser: expected a string, got an object ({"fromEnv": …} is only for secret answers)'],
		['malformed fromEnv', withAnswers({vncPassword: {fromEnv: 'A', other: 1}}), 'answers.json: answers.vncPassword: expected the secret as a text or as {"fromEnv": "VARIABLE_NAME"}'],
	] as const)('%s', (_name, document, message) => {
		const error = inputErrorOf(() => parse(document, {...env, SHORT: 'abcde'}));
		expect(error.message.startsWith(message)).toBe(true);
		expect(error.message).not.toContain('\n');
	});

	it('never shows the secret in the message', () => {
		const error = inputErrorOf(() => parse(withAnswers({pithosOauthSecret: 'hunter2'})));
		expect(error.message).not.toContain('hunter2');
	});

	it('never quotes the file in a JSON error (it may hold secrets)', () => {
		const error = inputErrorOf(() => parse('{"answers": {"vncPassword": "topsecretvalue" "x": 1}}'));
		expect(error.message).toBe("answers.json: invalid JSON at line 1, column 46: unexpected '\"' (expected ',' or '}')");
	});

	it('says what to do about the version', () => {
		expect(inputErrorOf(() => parse({version: 2})).hint).toContain('"version": 1');
	});

	it('points to answers --list for unknown keys', () => {
		expect(inputErrorOf(() => parse(withAnswers({nope: 1}))).hint).toContain('answers --list');
	});

	it('names the inventory path of a bad host', () => {
		const document = {...fullDocument, inventory: {...fullDocument.inventory, stats: 'root@bad host'}};
		expect(inputErrorOf(() => parse(document)).message).toBe('answers.json: inventory.stats: expected an SSH target "[user@]host[:port]" (port 1-65535), got "root@bad host"');
	});
});
