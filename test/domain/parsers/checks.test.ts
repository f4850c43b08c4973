import {describe, expect, it} from 'vitest';
import type {CommandOutput} from '../../../source/domain/action-types.js';
import {everythingInSync, floatingIpPools, noAnonymousNics, oauthClientRegistered, resourcesPresent, versionsMatch} from '../../../source/domain/parsers/checks.js';
import {garbageOutputs, status} from '../../helpers/verdict-status.js';

const run = (stdout: string, stderr = '', exitCode: number | null = 0): CommandOutput => ({stdout, stderr, exitCode});
const json = (rows: Array<Record<string, string>>): string => `${JSON.stringify(rows, undefined, 4)}\n`;

describe('everythingInSync', () => {
	it('looks for "Everything in sync." on stderr or stdout', () => {
		expect(everythingInSync(run('', 'Everything in sync.\n'))).toEqual({ok: true, detail: 'Everything in sync.'});
		expect(everythingInSync(run('Everything in sync.\n')).ok).toBe(true);
		const unsynced = everythingInSync(run('User  Resource  Database  Quotaholder\n----\nu1  cyclades.vm  2  1\n'));
		expect(unsynced).toEqual({ok: false, detail: 'resources are not in sync (1 unsynced rows listed)'});
		expect(everythingInSync(run('', 'Error: Astakos is down\n', 1))).toEqual({ok: false, cannotTell: true, detail: 'the command exited with 1: Error: Astakos is down'});
		expect(status(everythingInSync(run('', "Found pending commissions. Run 'snf-manage reconcile-commissions-cyclades'\n")))).toBe('to do');
		expect(status(everythingInSync(run('', 'Not everything in sync.\n')))).toBe('cannot tell');
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

	it('cannot tell from unreadable output', () => {
		expect(check(run('garbage'))).toMatchObject({ok: false, cannotTell: true, detail: expect.stringContaining('snf-manage oauth2-client-list') as string});
	});

	it('a 0.14 snf-manage without the command is positive evidence of "to do"', () => {
		expect(check(run('', "Unknown command: 'oauth2-client-list'\nType 'snf-manage help' for usage.\n", 1)))
			.toEqual({ok: false, detail: 'this snf-manage has no oauth2-client-list command yet (the v0.15 packages are not installed)'});
	});
});

describe('floatingIpPools', () => {
	it('needs every network to be a pool', () => {
		const rows = json([{id: '1', name: 'public', floating_ip_pool: 'True'}, {id: '2', name: 'public2', floating_ip_pool: 'False'}]);
		expect(floatingIpPools(['1'])(run(rows))).toEqual({ok: true, detail: 'network 1 is a floating IP pool'});
		expect(floatingIpPools(['1', '2'])(run(rows))).toEqual({ok: false, detail: 'network 2 not a floating IP pool'});
		expect(floatingIpPools(['1', '2', '3'])(run(rows))).toEqual({ok: false, cannotTell: true, detail: 'network 3 not found among the public networks'});
		expect(status(floatingIpPools(['1'])(run('', "Error: Unknown field 'floating_ip_pool'. 'Use --list-fields option to find out available fields.\n", 1)))).toBe('to do');
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
		expect(status(noAnonymousNics(run('', '')))).toBe('cannot tell');
		expect(status(noAnonymousNics(run('', 'Can not update intances. An \'offline\' backend exists.\n', 1)))).toBe('cannot tell');
		expect(status(noAnonymousNics(run('', '[INFO] Nothing to do! (said someone else)\n')))).toBe('cannot tell');
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

describe('no check reads garbage as done', () => {
	const json14 = '[\n    {\n        "name": "snf-common"\n    }\n]\n';
	const checks = {
		everythingInSync,
		oauthClientRegistered: oauthClientRegistered('pithos-view', 'https://x/pithos/ui/view'),
		floatingIpPools: floatingIpPools(['1']),
		resourcesPresent: resourcesPresent(['cyclades.total_cpu']),
		noAnonymousNics,
		versionsMatch: versionsMatch('0.15'),
	};
	for (const [name, check] of Object.entries(checks)) {
		it.each(garbageOutputs)(`${name}: %s → cannot tell`, (_case, output) => {
			expect(status(check(output))).toBe('cannot tell');
		});
	}

	it('versionsMatch wants dpkg-query to account for both packages', () => {
		expect(status(versionsMatch('0.15')(run(json14)))).toBe('cannot tell');
		expect(status(versionsMatch('0.15')(run('snf-common 0.15-1~wheezy\n')))).toBe('cannot tell');
		expect(status(versionsMatch('0.15')(run('snf-common 0.15-1~wheezy\n', 'dpkg-query: no packages found matching snf-webproject\n', 1))))
			.toBe('to do');
		expect(status(versionsMatch('0.15')(run('snf-common 0.15-1~wheezy\nsnf-webproject 0.15-1~wheezy\n')))).toBe('done');
	});
});
