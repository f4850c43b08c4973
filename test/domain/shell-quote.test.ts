import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {renderShell, shellQuote, shellStdin} from '../../source/domain/shell-quote.js';

const printArgs = 'for a in "$@"; do printf "%s\\0" "$a"; done';

function roundTrip(words: readonly string[]): string[] {
	const line = words.map(word => shellQuote(word)).join(' ');
	const out = execFileSync('/bin/sh', ['-c', `set -- ${line}; ${printArgs}`], {encoding: 'utf8'});
	return out.split('\0').slice(0, -1);
}

describe('shellQuote', () => {
	it.each([
		['plain', 'snf-manage'],
		['empty', ''],
		['single quote', "it's"],
		['command substitution', '$(touch /tmp/pwned)'],
		['backticks', '`id`'],
		['newline', 'a\nb'],
		['unicode', 'κωδικός ✓'],
		['backslashes', String.raw`a\b\\c`],
		['glob', '*'],
	])('keeps %s byte-identical through /bin/sh', (_name, word) => {
		expect(roundTrip([word, 'next'])).toEqual([word, 'next']);
	});

	it('leaves safe words unquoted so previews stay readable', () => {
		expect(shellQuote('--floating-ip-pool=True')).toBe('--floating-ip-pool=True');
		expect(shellQuote('a b')).toBe("'a b'");
	});
});

describe('renderShell', () => {
	it('masks secrets unless asked to reveal them', () => {
		const shell = {pipeline: [{argv: ['snf-manage', 'oauth2-client-add', {secret: 'pithosOauthSecret', value: "s3'cr"}]}]};
		expect(renderShell(shell, 'mask')).toBe('snf-manage oauth2-client-add ••••');
		expect(renderShell(shell, 'reveal')).toBe(String.raw`snf-manage oauth2-client-add 's3'\''cr'`);
	});

	it('renders pipelines and stdout redirection', () => {
		const shell = {pipeline: [{argv: ['a', 'x y']}, {argv: ['b']}], stdoutTo: '/var/backups/it s.dump'};
		expect(renderShell(shell, 'mask')).toBe("a 'x y' | b > '/var/backups/it s.dump'");
	});
});

describe('a line fed on stdin', () => {
	const shell = {pipeline: [{argv: ['python', '-c', 'import sys']}], stdin: {secret: 'pithosOauthSecret', value: 's3cr3t-value'}};

	it('shows as printf … | with the secret masked', () => {
		expect(renderShell(shell, 'mask')).toBe("printf '%s\\n' •••• | python -c 'import sys'");
	});

	it('is never on the line the executor runs, which gets it as stdin', () => {
		expect(renderShell(shell, 'reveal')).toBe("python -c 'import sys'");
		expect(shellStdin(shell)).toBe('s3cr3t-value\n');
		expect(shellStdin({pipeline: shell.pipeline})).toBeUndefined();
	});
});
