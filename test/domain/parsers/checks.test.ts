import {describe, expect, it} from 'vitest';
import type {CommandOutput} from '../../../source/domain/action-types.js';
import {everythingInSync, floatingIpPools, noAnonymousNics, oauthClientRegistered, resourcesPresent, versionsMatch} from '../../../source/domain/parsers/checks.js';

const run = (stdout: string, stderr = '', exitCode: number | null = 0): CommandOutput => ({stdout, stderr, exitCode});
const json = (rows: Array<Record<string, string>>): string => `${JSON.stringify(rows, undefined, 4)}\n`;

describe('everythingInSync', () => {
	it('looks for "Everything in sync." on stderr or stdout', () => {
		expect(everythingInSync(run('', 'Everything in sync.\n'))).toEqual({ok: true, detail: 'Everything in sync.'});
		expect(everythingInSync(run('Everything in sync.\n')).ok).toBe(true);
		const unsynced = everythingInSync(run('User  Resource  Database  Quotaholder\n----\nu1  cyclades.vm  2  1\n'));
		expect(unsynced).toEqual({ok: false, detail: 'resources are not in sync (1 unsynced rows listed)'});
		expect(everythingInSync(run('', 'Error: Astakos is down\n', 1))).toEqual({ok: false, detail: 'the command exited with 1: Error: Astakos is down'});
	});
});

describe('oauthClientRegistered', () => {
	const url = 'https://node2.example.com/pithos/ui/view';
	const check = oauthClientRegistered('pithos-view', url);
	it('needs the identifier, is_trusted True and the redirect URL', () => {
		expect(check(run(json([{id: '1', identifier: 'pithos-view', redirect_urls: `https://other/x,${url}`, is_trusted: 'True'}]))).ok).toBe(true);
		expect(check(run(json([{id: '1', identifier: 'pithos-view', redirect_urls: 'https://node2.example.com/pithos/', is_trusted: 'True'}]))).ok).toBe(true);
		expect(check(run(json([{id: '1', identifier: 'other', redirect_urls: url, is_trusted: 'True'}])))).toEqual({ok: false, detail: 'no OAuth2 client pithos-view'});
		expect(check(run(json([{id: '1', identifier: 'pithos-view', redirect_urls: url, is_trusted: 'False'}])))).toEqual({ok: false, detail: 'client pithos-view exists but is not trusted'});
		expect(check(run(json([{id: '1', identifier: 'pithos-view', redirect_urls: 'https://node2.example.com/pithos/ui/viewer', is_trusted: 'True'}]))))
			.toEqual({ok: false, detail: `client pithos-view lacks redirect URL ${url} (has https://node2.example.com/pithos/ui/viewer)`});
	});

	it('turns unreadable output into a failed verdict', () => {
		expect(check(run('garbage'))).toMatchObject({ok: false, detail: expect.stringContaining('snf-manage oauth2-client-list') as string});
	});
});

describe('floatingIpPools', () => {
	it('needs every network to be a pool', () => {
		const rows = json([{id: '1', name: 'public', floating_ip_pool: 'True'}, {id: '2', name: 'public2', floating_ip_pool: 'False'}]);
		expect(floatingIpPools(['1'])(run(rows))).toEqual({ok: true, detail: 'network 1 is a floating IP pool'});
		expect(floatingIpPools(['1', '2', '3'])(run(rows))).toEqual({ok: false, detail: 'network 3 not found; network 2 not a floating IP pool'});
	});
});

describe('resourcesPresent', () => {
	it('names the missing resources', () => {
		const rows = json([{name: 'cyclades.total_cpu'}, {name: 'cyclades.floating_ip'}]);
		expect(resourcesPresent(['cyclades.total_cpu', 'cyclades.total_ram', 'cyclades.floating_ip'])(run(rows)))
			.toEqual({ok: false, detail: 'missing resources: cyclades.total_ram'});
		expect(resourcesPresent(['cyclades.total_cpu'])(run(rows)).ok).toBe(true);
	});
});

describe('noAnonymousNics', () => {
	it('accepts only "Nothing to do!" lines', () => {
		expect(noAnonymousNics(run('', '[INFO] No anonymous NICs in backend \'cluster.test\'. Nothing to do!\n[INFO] No anonymous NICs in backend \'b2\'. Nothing to do!\n')))
			.toEqual({ok: true, detail: 'no anonymous NICs in 2 backends'});
		expect(noAnonymousNics(run('', '[INFO] No anonymous NICs in backend \'a\'. Nothing to do!\n[INFO] Updating NICs of instance snf-42\n')))
			.toEqual({ok: false, detail: 'NICs still need names: [INFO] Updating NICs of instance snf-42'});
		expect(noAnonymousNics(run('', '')).ok).toBe(false);
		expect(noAnonymousNics(run('', 'Can not update intances. An \'offline\' backend exists.\n', 1)).ok).toBe(false);
	});
});

describe('versionsMatch', () => {
	const check = versionsMatch('0.15');
	it('needs snf-common and snf-webproject at the same version with the prefix', () => {
		expect(check(run('snf-common 0.15.2-1~wheezy\nsnf-webproject 0.15.2-1~wheezy\n'))).toEqual({ok: true, detail: 'snf-common and snf-webproject are both 0.15.2-1~wheezy'});
		expect(check(run('snf-common 0.15-1~wheezy\nsnf-webproject 0.14.10-1~wheezy\n'))).toEqual({ok: false, detail: 'snf-common 0.15-1~wheezy but snf-webproject 0.14.10-1~wheezy'});
		expect(check(run('snf-common 0.14.10-1~wheezy\nsnf-webproject 0.14.10-1~wheezy\n')).ok).toBe(false);
		expect(check(run('snf-common 0.15-1~wheezy\n', 'dpkg-query: no packages found matching snf-webproject\n', 1))).toEqual({ok: false, detail: 'not installed: snf-webproject'});
	});
});
