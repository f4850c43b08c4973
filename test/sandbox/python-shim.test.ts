import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {shellQuote} from '../../source/domain/shell-quote.js';
import {snfManageStdinProgram} from '../../source/domain/steps/snf-manage-stdin.js';
import {loadState} from '../../source/sandbox/state.js';
import {ensureBuilt, newSandbox, removeSandboxes} from './helpers.js';
import type {Sandbox} from './helpers.js';
import {ok, packages} from './upgrade-steps.js';

beforeAll(() => {
	ensureBuilt();
});
afterAll(() => {
	removeSandboxes();
});

const entryPoint = (args: string) => `python -c ${shellQuote(snfManageStdinProgram)} ${args}`;
const add = entryPoint('oauth2-client-add --secret --is-trusted --url https://storage.synnefo.test/pithos/ui/view -- pithos-view');

describe('python on a sandbox host', () => {
	let sandbox: Sandbox;
	beforeAll(() => {
		sandbox = newSandbox();
	});

	it('fails the entry point as the host\'s Python would while the 0.14 snf-manage has no oauth2-client-add', () => {
		const result = sandbox.run('astakos', add, 'a-secret-1\n');
		expect([result.code, result.stderr]).toEqual([1, "Unknown command: 'oauth2-client-add'\nType 'snf-manage help' for usage.\n"]);
	});

	it('runs snf-manage with the secret read from stdin, once upgraded', () => {
		ok(sandbox, 'astakos', `apt-get install -y ${packages.astakos}`);
		ok(sandbox, 'astakos', 'snf-manage migrate --noinput');
		const secret = "s3'c\"r$t --settings=x";
		const result = sandbox.run('astakos', add, `${secret}\n`);
		expect([result.code, result.stdout, result.stderr]).toEqual([0, 'Client created successfully\n', '']);
		expect(loadState(sandbox.directory).oauthClients).toMatchObject([{identifier: 'pithos-view', secret, isTrusted: true, redirectUrls: ['https://storage.synnefo.test/pithos/ui/view']}]);
		const again = sandbox.run('astakos', add, `${secret}\n`);
		expect([again.code, again.stderr]).toEqual([1, 'Error: duplicate key value violates unique constraint "oa2_client_identifier_key"\nDETAIL:  Key (identifier)=(pithos-view) already exists.\n']);
	});

	it.each([['no input', ''], ['an empty line', '\n']])('stops with %s on stdin, registering nothing', (_name, input) => {
		const result = sandbox.run('astakos', entryPoint('oauth2-client-add --secret --is-trusted --url https://x/ui/view -- other'), input);
		expect([result.code, result.stderr]).toEqual([1, 'snf-upgrade: no secret on stdin\n']);
		expect(loadState(sandbox.directory).oauthClients.map(client => client.identifier)).toEqual(['pithos-view']);
	});

	it('takes an identifier after -- as the identifier, whatever it looks like', () => {
		const result = sandbox.run('astakos', entryPoint('oauth2-client-add --secret --url https://x/ui/view -- --help'), 'another-secret\n');
		expect(result.stdout).toBe('Client created successfully\n');
		expect(loadState(sandbox.directory).oauthClients.map(client => client.identifier)).toContain('--help');
	});

	it('runs any other program in the machine\'s Python (such as the check of an edited settings file)', () => {
		const result = sandbox.run('astakos', `python -c 'import sys; print(sys.argv[1:])' a b`);
		expect([result.code, result.stdout]).toEqual([0, "['a', 'b']\n"]);
	});

	it.each(['python', 'python2', 'python3'])('%s runs another program straight in the machine\'s python3, with no node shim process in between', name => {
		const parent = sandbox.run('astakos', `${name} -c 'import os, sys; print(open("/proc/%d/comm" % os.getppid()).read().strip()); print(sys.version_info[0])'`);
		expect(parent.code).toBe(0);
		const [comm, major] = parent.stdout.trim().split('\n');
		expect(comm).not.toBe('node');
		expect(major).toBe('3');
	});

	it('python3 is the system interpreter a Debian host has (/usr/bin/python3), else the one python3 runs on this machine', () => {
		const here = spawnSync('python3', ['-c', 'import sys; sys.stdout.write(sys.executable)'], {encoding: 'utf8'}).stdout;
		const result = sandbox.run('astakos', 'python3 -c \'import sys; print(sys.executable)\'');
		expect(result.stdout).toBe(`${existsSync('/usr/bin/python3') ? '/usr/bin/python3' : here}\n`);
	});

	it('python2 is the interpreter python is, as on a Synnefo 0.14 host: it runs snf-manage\'s entry point too', () => {
		const result = sandbox.run('astakos', `python2 -c ${shellQuote(snfManageStdinProgram)} oauth2-client-add --secret --url https://x/ui/view -- via-python2`, 'secret-2\n');
		expect([result.code, result.stdout]).toEqual([0, 'Client created successfully\n']);
		expect(loadState(sandbox.directory).oauthClients.map(client => client.identifier)).toContain('via-python2');
	});
});
