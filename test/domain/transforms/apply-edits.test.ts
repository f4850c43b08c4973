import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {FileEdit} from '../../../source/domain/action-types.js';
import {applyEdits, describeEdit} from '../../../source/domain/transforms/apply-edits.js';
import {evaluateSettings} from './python-oracle.js';

const cycladesApi = readFileSync(new URL('../../fixtures/transforms/20-snf-cyclades-app-api.conf', import.meta.url), 'utf8');
const secret = 'V3ry$ecret\'pw';

const cycladesEdits: FileEdit[] = [
	{op: 'python-comment-out', name: 'ASTAKOS_BASE_URL'},
	{op: 'python-set', name: 'ASTAKOS_AUTH_URL', value: 'https://accounts.example.synnefo.org/identity/v2.0'},
	{op: 'python-set', name: 'CYCLADES_STATS_SECRET_KEY', value: {secret: 'statsSecretKey', value: secret}},
	{op: 'python-set', name: 'CYCLADES_VNCAUTHPROXY_OPTS', value: {dict: [['auth_user', 'synnefo'], ['auth_password', {secret: 'vncPassword', value: secret}]]}},
];

describe('applyEdits', () => {
	it('applies python edits in order; reveal writes secrets, mask hides them', () => {
		const revealed = applyEdits(cycladesApi, cycladesEdits, 'reveal');
		expect(applyEdits(revealed, cycladesEdits, 'reveal')).toBe(revealed);
		expect(evaluateSettings(revealed, ['ASTAKOS_BASE_URL', 'ASTAKOS_AUTH_URL', 'CYCLADES_STATS_SECRET_KEY', 'CYCLADES_VNCAUTHPROXY_OPTS']).values).toEqual({
			ASTAKOS_AUTH_URL: 'https://accounts.example.synnefo.org/identity/v2.0',
			CYCLADES_STATS_SECRET_KEY: secret,
			CYCLADES_VNCAUTHPROXY_OPTS: {auth_user: 'synnefo', auth_password: secret},
		});
		const masked = applyEdits(cycladesApi, cycladesEdits, 'mask');
		expect(masked).not.toContain('V3ry');
		expect(masked).toContain('CYCLADES_STATS_SECRET_KEY = \'••••\'\n');
		expect(masked.replaceAll('\'••••\'', 'X')).toBe(revealed.replaceAll(String.raw`'V3ry$ecret\'pw'`, 'X'));
	});

	it('applies xml and shell edits', () => {
		expect(applyEdits('<ApplicationDefaults REMOTE_USER="a"/>', [{op: 'xml-set-attribute', element: 'ApplicationDefaults', attribute: 'REMOTE_USER', value: 'eppn'}], 'reveal'))
			.toBe('<ApplicationDefaults REMOTE_USER="eppn"/>');
		expect(applyEdits('#CHUID="x"\n', [{op: 'shell-set', name: 'CHUID', value: 'vncauthproxy:vncauthproxy'}], 'mask'))
			.toBe('CHUID="vncauthproxy:vncauthproxy"\n');
	});
});

describe('describeEdit', () => {
	it('gives one masked line per edit', () => {
		expect(cycladesEdits.map(edit => describeEdit(edit))).toEqual([
			'comment out ASTAKOS_BASE_URL',
			'set ASTAKOS_AUTH_URL = \'https://accounts.example.synnefo.org/identity/v2.0\'',
			'set CYCLADES_STATS_SECRET_KEY = \'••••\'',
			'set CYCLADES_VNCAUTHPROXY_OPTS = {\'auth_user\': \'synnefo\', \'auth_password\': \'••••\'}',
		]);
		expect(describeEdit({op: 'xml-set-attribute', element: 'ApplicationDefaults', attribute: 'REMOTE_USER', value: 'eppn'}))
			.toBe('set REMOTE_USER="eppn" on <ApplicationDefaults>');
		expect(describeEdit({op: 'shell-set', name: 'DAEMON_OPTS', value: '--pid-file=$PIDFILE'}))
			.toBe('set DAEMON_OPTS="--pid-file=$PIDFILE"');
		expect(describeEdit({op: 'python-set', name: 'PITHOS_OAUTH2_CLIENT_CREDENTIALS', value: {tuple: ['pithos-view', {secret: 'k', value: 'zz'}]}}))
			.toBe('set PITHOS_OAUTH2_CLIENT_CREDENTIALS = (\'pithos-view\', \'••••\')');
	});
});
