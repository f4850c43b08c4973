import {describe, expect, it} from 'vitest';
import {applySetFlags} from '../../../source/domain/answers/set-flags.js';
import type {InputError} from '../../../source/domain/errors.js';
import {inputErrorOf} from '../../helpers/input-error.js';

const env = {SNF_VNC_PASSWORD: 'a long enough secret', SHORT: 'abc'};

function errorOf(sets: string[]): InputError {
	return inputErrorOf(() => applySetFlags({}, sets, env));
}

describe('applySetFlags parses values per type', () => {
	it.each([
		['vncServerPort=2222', 'vncServerPort', 2222],
		['vncEnableSsl=yes', 'vncEnableSsl', true],
		['vncEnableSsl=no', 'vncEnableSsl', false],
		['vncEnableSsl=1', 'vncEnableSsl', true],
		['vncEnableSsl=false', 'vncEnableSsl', false],
		['backupDatabases=snf_apps,snf_pithos', 'backupDatabases', ['snf_apps', 'snf_pithos']],
		['backupDatabases=', 'backupDatabases', []],
		['quotaTotalRam=40gib', 'quotaTotalRam', '40G'],
		['astakosBaseUrl=https://accounts.example.org/', 'astakosBaseUrl', 'https://accounts.example.org/'],
		['backupCommand=pg_dump {db} > {file}', 'backupCommand', 'pg_dump {db} > {file}'],
		['backupCommand=PGOPTIONS=-q pg_dump {db} > {file}', 'backupCommand', 'PGOPTIONS=-q pg_dump {db} > {file}'],
		['aptConffiles=new', 'aptConffiles', 'new'],
		['vncPassword=env:SNF_VNC_PASSWORD', 'vncPassword', 'a long enough secret'],
	] as const)('%s', (set, key, value) => {
		expect(applySetFlags({}, [set], env)).toEqual({[key]: value});
	});

	it('keeps other answers, later flags win, and does not change its input', () => {
		const given = {vncUser: 'synnefo', vncServerPort: 1};
		expect(applySetFlags(given, ['vncServerPort=2', 'vncServerPort=3'], env)).toEqual({vncUser: 'synnefo', vncServerPort: 3});
		expect(given.vncServerPort).toBe(1);
	});
});

describe('applySetFlags errors', () => {
	it.each([
		['vncServerPort', '--set vncServerPort: expected KEY=VALUE'],
		['=2', '--set =2: expected KEY=VALUE'],
		['vncUsr=x', "--set vncUsr: unknown answer key 'vncUsr' (did you mean 'vncUser'?)"],
		['vncPort=2', "--set vncPort: unknown answer key 'vncPort'"],
		['vncServerPort=abc', '--set vncServerPort=abc: expected a whole number from 1 to 65535, got "abc"'],
		['vncEnableSsl=maybe', '--set vncEnableSsl=maybe: expected true or false (also yes/no, 1/0), got "maybe"'],
		['convertPublicIps=some', "--set convertPublicIps=some: expected one of 'none', 'all', 'pools', got \"some\""],
		['vncPassword=hunter2hunter2', '--set vncPassword: a secret is not taken as a literal value (it would show in ps and in the shell history)'],
		['vncPassword=env:NOT_SET', '--set vncPassword=env:NOT_SET: the environment variable NOT_SET is not set'],
		['vncPassword=env:SHORT', '--set vncPassword=env:SHORT: expected a secret of at least 8 characters on one line, printable ASCII only (space to ~: Python 2.7\'s sha256() in Synnefo fails on others), got a secret of 3 characters'],
		['vncPassword=env:bad-name', '--set vncPassword=env:bad-name: expected an environment variable name after env:'],
	])('%s', (set, message) => {
		expect(errorOf([set]).message).toBe(message);
	});

	it('tells how to pass a secret, without echoing it', () => {
		const error = errorOf(['statsSecretKey=hunter2hunter2']);
		expect(error.hint).toContain('--set statsSecretKey=env:VARIABLE_NAME');
		expect(`${error.message} ${error.hint}`).not.toContain('hunter2');
	});

	it('never shows a secret read from the environment', () => {
		const error = errorOf(['vncPassword=env:SHORT']);
		expect(error.message).not.toContain('abc');
	});
});
