import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {resolveAnswers} from '../../../source/domain/answers/resolve-answers.js';
import {placeholderInventory} from '../../../source/domain/inventory/placeholder-inventory.js';
import {buildPlan} from '../../../source/domain/plan/build-plan.js';
import {renderJson} from '../../../source/domain/plan/render-json.js';
import {renderMd} from '../../../source/domain/plan/render-md.js';
import {renderSh} from '../../../source/domain/plan/render-sh.js';
import {renderText} from '../../../source/domain/plan/render-text.js';
import {sections} from '../../../source/domain/sections.js';
import {canaries, examplePlan, oauthAddLine} from '../steps/plan-fixture.js';

const ispecs = 'gnt-cluster init --ipolicy-std-specs cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1 --ipolicy-bounds-specs min:cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=8,spindle-use=12 c\n';
const groups = readFileSync(new URL('../../fixtures/parsers/gnt-group-info-default.txt', import.meta.url), 'utf8');

describe('plan --format text', () => {
	const text = renderText(examplePlan());

	it('shows sections, steps, hosts, the read/write flag and root', () => {
		expect(text).toContain('== 2.4  Register the Pithos view as an OAuth 2.0 client ==');
		expect(text).toContain('[oauth-client] Register the Pithos view as a trusted OAuth 2.0 client in Astakos');
		expect(text).toContain(`  on astakos (admin@accounts.example.synnefo.org):\n    ! ${oauthAddLine('https://storage.example.synnefo.org/pithos/ui/view')}  [root]\n`);
		expect(text).toContain("    $ dpkg-query -W '-f=${Package} ${Version}\\n' snf-common snf-webproject\n");
		expect(text).toContain('    ! vncauthproxy-passwd /var/lib/vncauthproxy/users synnefo  [root, terminal]\n      answers: vncauthproxy-passwd\'s password prompt (getpass) → ••••\n');
		expect(text).toContain('    edit /etc/synnefo/20-snf-pithos-app-settings.conf  [root] (checked: python)\n      - comment out ASTAKOS_BASE_URL\n');
		expect(text).toContain('  skipped: statsRrdMigrationCommand is not set (no RRD migration needed)');
		expect(text).toContain('  reads first on gnt1.example.synnefo.org: $ gnt-cluster show-ispecs-cmd');
	});

	it('ends with the facts still to read, and without answers with every missing answer', () => {
		expect(text).toMatch(/Read from the hosts when the step runs \(shown as <name>\): \d+\n {2}public-network-links: /);
		expect(text).not.toContain('Missing answers');
		const empty = renderText(buildPlan({answers: resolveAnswers({}), inventory: placeholderInventory()}));
		expect(empty).toMatch(/Missing answers \(shown as <key>\): \d+\n {2}astakosAuthUrl: ASTAKOS_AUTH_URL for Cyclades and Pithos \(default: base URL \+ identity\/v2\.0\) \(give astakosBaseUrl, or this key itself\)\n/);
		expect(empty).toContain('  pithosOauthSecret: OAuth 2.0 client secret of the Pithos view (generated at random when you run, unless you give one)');
		expect(empty).toContain("set ASTAKOS_AUTH_URL = '<astakosAuthUrl>'");
	});
});

describe('plan --format json', () => {
	const document = JSON.parse(renderJson(examplePlan({facts: {'ispecs:ganeti1': ispecs, 'ispecs:ganeti2': ispecs, 'groups:ganeti1': groups, 'groups:ganeti2': groups}}))) as {
		version: number;
		missing: Array<{name: string; kind: string}>;
		hosts: Array<{id: string}>;
		sections: Array<{id: string; number: string; title: string; optional: boolean; steps: Array<Record<string, unknown> & {id: string; actions: Array<Record<string, unknown>>}>}>;
	};

	it('has a stable versioned shape with every section in order', () => {
		expect(document.version).toBe(1);
		expect(document.sections.map(section => section.number)).toEqual(sections.map(section => section.number));
		expect(Object.keys(document.sections[0]!)).toEqual(['id', 'number', 'title', 'optional', 'steps']);
		expect(Object.keys(document.sections[0]!.steps[0]!)).toEqual(['id', 'title', 'why', 'notes', 'skipped', 'facts', 'actions', 'probes', 'missing']);
		expect(document.missing).toEqual([
			{name: 'public-network-links', kind: 'fact', description: expect.stringContaining('snf-manage network-list --public -o id,name,mode,link') as unknown},
			{name: 'astakos-base-url-files:cyclades', kind: 'fact', description: expect.stringContaining('grep -l') as unknown},
			{name: 'astakos-base-url-files:pithos', kind: 'fact', description: expect.stringContaining('grep -l') as unknown},
			{name: 'firewall-tags', kind: 'fact', description: expect.stringContaining('grep -H') as unknown},
			{name: 'public-networks', kind: 'fact', description: expect.stringContaining('snf-manage network-list') as unknown},
			{name: 'backends', kind: 'fact', description: expect.any(String) as unknown},
		]);
		expect(document.hosts.map(host => host.id)).toContain('gnt4.example.synnefo.org');
	});

	it('describes commands and edits with host, flags, masked prompts and masked values', () => {
		const vnc = document.sections.find(section => section.id === 'vncauthproxy')!;
		const user = vnc.steps.find(step => step.id === 'vncauthproxy-user')!;
		expect(user.actions[0]).toEqual({
			kind: 'command',
			host: 'cyclades',
			mutates: true,
			asRoot: true,
			command: 'vncauthproxy-passwd /var/lib/vncauthproxy/users synnefo',
			pty: true,
			prompts: [{description: "vncauthproxy-passwd's password prompt (getpass)", match: 'Password: ', answer: '••••'}],
			note: null,
		});
		const opts = vnc.steps.find(step => step.id === 'cyclades-vncauthproxy-opts')!;
		expect(opts.actions[0]).toMatchObject({kind: 'edit', host: 'cyclades', mutates: true, asRoot: true, path: '/etc/synnefo/20-snf-cyclades-app-api.conf', validate: 'python'});
		expect((opts.actions[0]!['edits'] as string[])[0]).toContain("'auth_password': '••••'");
		const stats = document.sections.find(section => section.id === 'stats')!.steps.find(step => step.id === 'stats-rrd-migration')!;
		expect(stats.skipped).toMatch(/not set/);
		expect(stats.actions).toEqual([]);
	});
});

describe('plan --format md', () => {
	const md = renderMd(examplePlan());

	it('uses headings per section and step and fenced command blocks', () => {
		expect(md.startsWith('# snf-upgrade plan: Synnefo v0.14 → v0.15\n')).toBe(true);
		expect(md).toContain('## 2.4 Register the Pithos view as an OAuth 2.0 client\n');
		expect(md).toContain('### Register the Pithos view as a trusted OAuth 2.0 client in Astakos (`oauth-client`)\n');
		expect(md).toContain(`Changes the host, as root:\n\n\`\`\`sh\n${oauthAddLine('https://storage.example.synnefo.org/pithos/ui/view')}\n\`\`\`\n`);
		expect(md).toContain('Reads only:\n\n```sh\ndpkg-query');
		expect(md).toContain('```text\nset CHUID="vncauthproxy:vncauthproxy"\nset DAEMON_OPTS="--pid-file=$PIDFILE"\n```');
		expect(md).toContain('*Skipped:* statsRrdMigrationCommand is not set');
		expect(md.split('\n').filter(line => line.startsWith('```')).length % 2).toBe(0);
	});
});

describe('secrets', () => {
	it('never appear in any format, whatever the step renders (canary values)', () => {
		const plans = [
			examplePlan(),
			examplePlan({facts: {'ispecs:ganeti1': ispecs, 'ispecs:ganeti2': ispecs, 'groups:ganeti1': groups, 'groups:ganeti2': groups}, set: {componentRegistration: 'script', sudoPassword: 'canary-sudo-5Tt1'}}),
		];
		for (const plan of plans) {
			for (const [format, rendered] of [['text', renderText(plan)], ['sh', renderSh(plan)], ['json', renderJson(plan)], ['md', renderMd(plan)]] as const) {
				for (const canary of [...canaries, 'canary-sudo-5Tt1', 'canary']) {
					expect(rendered).not.toContain(canary);
				}

				// The sh plan names each secret's variable instead of the mask (item 9): it never holds ••••.
				expect(rendered).toContain(format === 'sh' ? '${SNF_PITHOS_OAUTH_SECRET:?' : '••••');
				expect(rendered.includes('••••')).toBe(format !== 'sh');
			}
		}
	});
});
