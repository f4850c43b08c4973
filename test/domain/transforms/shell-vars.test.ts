import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {setShellVariable} from '../../../source/domain/transforms/shell-vars.js';

const vncDefault = readFileSync(new URL('../../fixtures/transforms/vncauthproxy.default', import.meta.url), 'utf8');

/** Sources the text in /bin/sh the way the init script does (PIDFILE set first) and prints the variables. */
function source(text: string, names: readonly string[]): Record<string, string | undefined> {
	const print = names.map(name => `if [ "\${${name}+set}" = set ]; then printf '%s=%s\\0' ${name} "$${name}"; fi`).join('; ');
	const out = execFileSync('/bin/sh', ['-c', `PIDFILE=/var/run/vncauthproxy/vncauthproxy.pid; eval "$1"; ${print}`, 'sh', text], {encoding: 'utf8'});
	return Object.fromEntries(out.split('\0').slice(0, -1).map(entry => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
}

function setTwice(text: string, name: string, value: string): string {
	const once = setShellVariable(text, name, value);
	expect(setShellVariable(once, name, value)).toBe(once);
	return once;
}

describe('setShellVariable', () => {
	it('uncomments the DAEMON_OPTS sample, keeping $PIDFILE expandable', () => {
		const value = '--pid-file=$PIDFILE --listen-address=127.0.0.1 --enable-ssl';
		const result = setTwice(vncDefault, 'DAEMON_OPTS', value);
		expect(result).toBe(vncDefault.replace('#DAEMON_OPTS="--pid-file=$PIDFILE"', `DAEMON_OPTS="${value}"`));
		expect(source(result, ['DAEMON_OPTS', 'CHUID'])).toEqual({DAEMON_OPTS: '--pid-file=/var/run/vncauthproxy/vncauthproxy.pid --listen-address=127.0.0.1 --enable-ssl'});
	});

	it('replaces a live line and comments out later ones', () => {
		const before = 'CHUID="nobody:nogroup"\nX=1\nexport CHUID=other\n';
		const result = setTwice(before, 'CHUID', 'vncauthproxy:vncauthproxy');
		expect(result).toBe('CHUID="vncauthproxy:vncauthproxy"\nX=1\n#export CHUID=other\n');
		expect(source(result, ['CHUID', 'X'])).toEqual({CHUID: 'vncauthproxy:vncauthproxy', X: '1'});
		expect(setShellVariable('  export CHUID=a\n', 'CHUID', 'b')).toBe('  export CHUID="b"\n');
	});

	it('escapes ", \\ and backtick so they arrive literally', () => {
		const value = 'a "quoted" \\ back`tick` $PIDFILE \'single\'';
		const result = setTwice(vncDefault, 'CHUID', value);
		expect(source(result, ['CHUID'])).toEqual({CHUID: 'a "quoted" \\ back`tick` /var/run/vncauthproxy/vncauthproxy.pid \'single\''});
	});

	it('appends when there is no line nor sample, adding a missing final newline', () => {
		expect(setTwice('# nothing here', 'SNF_DSPTCH_ENABLE', 'true')).toBe('# nothing here\nSNF_DSPTCH_ENABLE="true"\n');
		expect(setTwice('', 'A', 'b')).toBe('A="b"\n');
	});

	it('refuses multi-line values and bad names', () => {
		expect(() => setShellVariable('', 'A', 'x\ny')).toThrow(/one line/);
		expect(() => setShellVariable('', 'A-B', 'x')).toThrow(/Not a shell variable name/);
	});
});
