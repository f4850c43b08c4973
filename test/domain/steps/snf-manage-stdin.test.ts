import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterAll, describe, expect, it} from 'vitest';
import {snfManageStdinProgram} from '../../../source/domain/steps/snf-manage-stdin.js';

// A stand-in synnefo.webproject.manage whose main() prints what snf-manage's main() would see, and whether
// DJANGO_SETTINGS_MODULE was left for main() to set (the real main() sets it when it is unset).
const modules = mkdtempSync(path.join(tmpdir(), 'snf-py-'));
mkdirSync(path.join(modules, 'synnefo/webproject'), {recursive: true});
writeFileSync(path.join(modules, 'synnefo/__init__.py'), '');
writeFileSync(path.join(modules, 'synnefo/webproject/__init__.py'), '');
writeFileSync(path.join(modules, 'synnefo/webproject/manage.py'), [
	'import json, os, sys',
	'def main():',
	'    sys.stdout.write(json.dumps({"argv": sys.argv, "settings": os.environ.get("DJANGO_SETTINGS_MODULE")}))',
	'',
].join('\n'));

afterAll(() => {
	rmSync(modules, {recursive: true, force: true});
});

// The hosts' Python is 2.7 (Debian's `python` for Synnefo 0.15); python3 as well, for hosts that have only that.
const interpreters = ['python3', '/root/.pyenv/versions/2.7.18/bin/python2.7'].filter(program => !program.startsWith('/') || existsSync(program));
const args = ['oauth2-client-add', '--secret', '--is-trusted', '--url', 'https://x/ui/view', '--', 'pithos-view'];

function run(interpreter: string, stdin: string) {
	const {DJANGO_SETTINGS_MODULE: _unset, ...env} = process.env;
	return spawnSync(interpreter, ['-c', snfManageStdinProgram, ...args], {input: stdin, encoding: 'utf8', env: {...env, PYTHONPATH: modules}});
}

describe.each(interpreters)('snf-manage\'s entry point with the secret on stdin (%s)', interpreter => {
	it('runs snf-manage SUBCOMMAND --OPTION=SECRET ARGS… with the secret read from stdin', () => {
		const secret = "--settings=evil s3'c\"r$t";
		const result = run(interpreter, `${secret}\n`);
		expect(result.stderr).toBe('');
		expect(JSON.parse(result.stdout)).toEqual({
			argv: ['snf-manage', 'oauth2-client-add', `--secret=${secret}`, '--is-trusted', '--url', 'https://x/ui/view', '--', 'pithos-view'],
			settings: null,
		});
	});

	it.each([['no input', ''], ['an empty line', '\n']])('stops before Django with %s', (_name, stdin) => {
		const result = run(interpreter, stdin);
		expect(result.status).toBe(1);
		expect(result.stderr).toBe('snf-upgrade: no secret on stdin\n');
		expect(result.stdout).toBe('');
	});
});
