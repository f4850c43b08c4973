import fs from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
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

describe('snf-manage on a 0.14.10 host', () => {
	let sandbox: Sandbox;
	beforeAll(() => {
		sandbox = newSandbox();
	});

	it('prints pretty tables right-justified with a dash line, and JSON as Python 2 json.dumps(indent=4) with string values', () => {
		expect(sandbox.run('astakos', 'snf-manage component-list -o id,name').stdout).toBe('id      name\n------------\n 1   astakos\n 2  cyclades\n 3    pithos\n');
		const json = sandbox.run('cyclades', 'snf-manage network-list --public -o id,floating_ip_pool --output-format=json');
		expect(json.code).toBe(1);
		expect(json.stderr).toBe("Error: Unknown field 'floating_ip_pool'. 'Use --list-fields option to find out available fields.\n");
		expect(sandbox.run('cyclades', 'snf-manage network-list --public -o id,public,backends --output-format=json').stdout).toBe('[\n    {\n        "id": "1", \n        "public": "True", \n        "backends": "1"\n    }, \n    {\n        "id": "2", \n        "public": "True", \n        "backends": "2"\n    }\n]\n');
		expect(sandbox.run('astakos', 'snf-manage component-list -o name --output-format=csv --no-headers').stdout).toBe('astakos\r\ncyclades\r\npithos\r\n');
	});

	it('rejects 0.15-only commands and options as Django 1.4 and optparse do', () => {
		const unknown = sandbox.run('astakos', 'snf-manage oauth2-client-add pithos-view --secret=s --is-trusted --url https://x/ui/view');
		expect([unknown.code, unknown.stderr]).toEqual([1, "Unknown command: 'oauth2-client-add'\nType 'snf-manage help' for usage.\n"]);
		const option = sandbox.run('astakos', 'snf-manage component-modify astakos --base-url https://accounts.synnefo.test/astakos');
		expect(option.code).toBe(2);
		expect(option.stderr).toBe('Usage: snf-manage component-modify [options] <component ID or name>\n\nsnf-manage: error: no such option: --base-url\n');
		expect(sandbox.run('cyclades', 'snf-manage network-modify --floating-ip-pool=True 1').stderr).toContain('error: no such option: --floating-ip-pool');
		expect(sandbox.run('cyclades', 'snf-manage reconcile-resources-cyclades --fix --force').code).toBe(2);
		expect(sandbox.run('astakos', 'snf-manage resource-modify cyclades.vm --default-quota 2').stderr).toContain('no such option: --default-quota');
		expect(sandbox.run('astakos', 'snf-manage resource-modify cyclades.vm --api-visible=True').code).toBe(2);
	});

	it('refuses every command, syncdb and migrate included, while a settings file does not compile', () => {
		const file = sandbox.file('cyclades', 'etc/synnefo/20-snf-cyclades-app-ui.conf');
		const original = fs.readFileSync(file, 'utf8');
		fs.writeFileSync(file, `${original}UI_BROKEN = {'a': 1\n`);
		try {
			for (const command of ['snf-manage syncdb --noinput', 'snf-manage migrate --noinput', 'snf-manage network-list']) {
				const result = sandbox.run('cyclades', command);
				expect(result.code).toBe(1);
				expect(result.stderr).toMatch(new RegExp(`^Failed to read settings file: ${file.replaceAll('.', String.raw`\.`)} \\[SyntaxError\\(`));
			}

			expect(loadState(sandbox.directory).migrations['db']).toBe(68);
		} finally {
			fs.writeFileSync(file, original);
		}
	});
});

describe('snf-manage across the package upgrade', () => {
	let sandbox: Sandbox;
	beforeAll(() => {
		sandbox = newSandbox();
		ok(sandbox, 'astakos', `apt-get install -y ${packages.astakos}`);
		ok(sandbox, 'cyclades', `apt-get install -y ${packages.cyclades}`);
	});

	it('fails on the old schema until migrate runs (a reordered plan fails)', () => {
		const early = sandbox.run('astakos', 'snf-manage oauth2-client-list');
		expect(early.code).toBe(1);
		expect(early.stderr).toContain('django.db.utils.DatabaseError: relation "oa2_client" does not exist');
	});

	it('lists pending and applied South migrations, and migrate asks the stale content types question', () => {
		const list = sandbox.run('cyclades', 'snf-manage migrate --list').stdout;
		expect(list).toContain('\n db\n  (*) 0001_initial\n');
		expect(list).toContain('  (*) 0068_auto__add_field_network_drained\n  ( ) 0069_auto\n');
		const eof = sandbox.run('cyclades', 'snf-manage migrate');
		expect(eof.stdout).toContain(' - Migrating forwards to 0098_auto__add_field_flavor_allow_create.\n > db:0069_auto\n');
		expect(eof.stdout).toContain("The following content types are stale and need to be deleted:\n\n    db | floatingip\n    db | floatingippool\n\n");
		expect(eof.stdout.endsWith("    Type 'yes' to continue, or 'no' to cancel: ")).toBe(true);
		expect([eof.code, eof.stderr.trim().split('\n').at(-1)]).toEqual([1, 'EOFError']);
		expect(sandbox.run('cyclades', 'snf-manage migrate --list').stdout).toContain('  (*) 0098_auto__add_field_flavor_allow_create\n');
		const no = sandbox.run('cyclades', 'snf-manage migrate', 'no\n');
		expect([no.code, no.stdout]).toEqual([0, expect.stringContaining("Running migrations for db:\n- Nothing to migrate.\n") as unknown]);
		expect(no.stdout).toContain("Type 'yes' to continue");
		expect(sandbox.run('cyclades', 'snf-manage migrate --noinput').stdout).not.toContain('stale');
		ok(sandbox, 'cyclades', 'snf-manage migrate', 'yes\n');
		expect(sandbox.run('cyclades', 'snf-manage migrate').stdout).not.toContain('stale');
	});

	it('registers an OAuth client once; adding it again fails with the PostgreSQL duplicate key error', () => {
		ok(sandbox, 'astakos', 'snf-manage migrate --noinput');
		const add = 'snf-manage oauth2-client-add pithos-view --secret=0123 --is-trusted --url https://storage.synnefo.test/pithos/ui/view';
		expect(sandbox.run('astakos', add).stdout).toBe('Client created successfully\n');
		const again = sandbox.run('astakos', add);
		expect([again.code, again.stderr]).toEqual([1, 'Error: duplicate key value violates unique constraint "oa2_client_identifier_key"\nDETAIL:  Key (identifier)=(pithos-view) already exists.\n']);
		expect(JSON.parse(sandbox.run('astakos', 'snf-manage oauth2-client-list -o identifier,redirect_urls,is_trusted --output-format=json').stdout)).toEqual([
			{identifier: 'pithos-view', redirect_urls: 'https://storage.synnefo.test/pithos/ui/view', is_trusted: 'True'},
		]);
		expect(sandbox.run('astakos', 'snf-manage oauth2-client-add other --url https://x').stderr).toBe('Error: Confidential clients require a secret\n');
		// optparse takes `--secret VALUE` as `--secret=VALUE` (the plan's spelling), even for a value starting with a dash.
		expect(sandbox.run('astakos', 'snf-manage oauth2-client-add spaced --secret -s3cr --url https://x').stdout).toBe('Client created successfully\n');
		expect(loadState(sandbox.directory).oauthClients.find(client => client.identifier === 'spaced')?.secret).toBe('-s3cr');
	});

	it('asks to confirm user-modify --all unless -f', () => {
		const aborted = sandbox.run('astakos', 'snf-manage user-modify --all --base-quota cyclades.vm 3', 'n\n');
		expect(aborted.stdout).toBe('This will set base quota for all users.\nresource: cyclades.vm\ncapacity: 3\nConfirm? [y/N] ');
		expect([aborted.code, aborted.stderr]).toEqual([0, 'Aborted.\n']);
		expect(loadState(sandbox.directory).users[0]!.baseQuota['cyclades.vm']).toBeUndefined();
		ok(sandbox, 'astakos', 'snf-manage user-modify --all --base-quota cyclades.vm 3 --exclude b0b0b0b0-0000-4b0b-8000-000000000002', 'y\n');
		ok(sandbox, 'astakos', 'snf-manage user-modify --all --base-quota cyclades.disk 40G -f');
		const users = loadState(sandbox.directory).users;
		expect(users.map(user => user.baseQuota['cyclades.vm'])).toEqual(['3', '5', '3', undefined]);
		expect(users[0]!.baseQuota['cyclades.disk']).toBe(String(40 * 1024 ** 3));
	});

	it('reconcile-resources-cyclades fails while Astakos gunicorn is down and needs --force over a limit', () => {
		ok(sandbox, 'astakos', 'service gunicorn stop');
		const down = sandbox.run('cyclades', 'snf-manage reconcile-resources-cyclades');
		expect([down.code, down.stderr]).toEqual([1, 'Error: [Errno 111] Connection refused\n']);
		ok(sandbox, 'astakos', 'service gunicorn start');
		ok(sandbox, 'astakos', 'snf-manage component-modify cyclades --base-url https://compute.synnefo.test/cyclades && snf-service-export cyclades https://compute.synnefo.test/cyclades | snf-manage service-import --json -');
		expect(sandbox.run('cyclades', 'snf-manage network-modify --floating-ip-pool=True 2').stdout).toBe("Set network '<Network: 2>' as floating-ip-pool=True.\nSent job to create network '<Network: 2>' in backend 'ganeti1.synnefo.test(id=1)'\n");
		expect(sandbox.run('cyclades', 'snf-manage network-modify --floating-ip-pool=true 2').stderr).toContain("invalid choice: 'true' (choose from 'True', 'False')");
		const tool = sandbox.file('cyclades', 'usr/lib/synnefo/tools/update_to_floating_ips');
		expect(sandbox.run('cyclades', tool).stderr).toBe('[INFO] Converting 6 public IPv4 addresses to floating IPs.\n[INFO] Successfully updated public addresses to floating IPs.\n');
		expect(sandbox.run('cyclades', tool).stderr).toBe('[INFO] Converting 0 public IPv4 addresses to floating IPs.\n[INFO] No public IPs to convert.\n');
		ok(sandbox, 'astakos', 'snf-manage user-modify --all --base-quota cyclades.floating_ip 2 -f');
		const check = sandbox.run('cyclades', 'snf-manage reconcile-resources-cyclades');
		expect(check.stdout).toMatch(/^ +User +Resource +Database +Quotaholder\n-+\n/);
		expect(check.stdout).toMatch(/\nb0b0b0b0-0000-4b0b-8000-000000000002 {2}cyclades\.floating_ip +3 +0\n/);
		const limited = sandbox.run('cyclades', 'snf-manage reconcile-resources-cyclades --fix');
		expect([limited.code, limited.stderr]).toEqual([0, 'Reconciling failed because a limit has been reached. Use --force to ignore the check.\n']);
		expect(sandbox.run('cyclades', 'snf-manage reconcile-resources-cyclades --fix --force').stderr).toBe('Fixed unsynced resources\n');
		expect(sandbox.run('cyclades', 'snf-manage reconcile-resources-cyclades').stderr).toBe('Everything in sync.\n');
	});

	it('a new resource gives each accepted user a base quota row at unlimited, which --default-quota leaves; quota-list filters by resource', () => {
		// cyclades.total_cpu came with the service-import above (qh_sync_new_resource, S15 astakos/im/quotas.py).
		ok(sandbox, 'astakos', 'snf-manage resource-modify cyclades.total_cpu --default-quota 8');
		const listed = sandbox.run('astakos', 'snf-manage quota-list --unit-style none --filter-by resource=cyclades.total_cpu --output-format json');
		expect(listed.code).toBe(0);
		const rows = JSON.parse(listed.stdout) as Array<Record<string, string>>;
		expect(rows.length).toBeGreaterThan(0);
		expect(new Set(rows.map(row => `${row['resource']} ${row['base_quota']}`))).toEqual(new Set(['cyclades.total_cpu 9223372036854775807']));
		ok(sandbox, 'astakos', 'snf-manage user-modify --all --base-quota cyclades.total_cpu 8 -f');
		const after = JSON.parse(sandbox.run('astakos', `snf-manage quota-list --unit-style none --filter-by resource=cyclades.total_cpu,user=${rows[0]!['user']!} --output-format json`).stdout) as Array<Record<string, string>>;
		expect(after.map(row => [row['user'], row['base_quota']])).toEqual([[rows[0]!['user'], '8']]);
		expect(sandbox.run('astakos', 'snf-manage quota-list --filter-by usage>1').code).toBe(1);
	});
});
