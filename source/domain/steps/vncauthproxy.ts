import type {PyValue} from '../action-types.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {aptInstall, argv, command, cycladesApiConf, dpkgQuery, edit, literal, probe, promptRule, service, settingsFile} from './builders.js';
import {unchangedByEditsProbe} from './edit-probes.js';
import {restartNote} from './restart-probes.js';
import {editedSettingsProbes} from './settings-probe.js';
import {atLeast15, vncPidFile, vncRestartProbe, vncUserProbe} from './vncauthproxy-checks.js';

/** The daemon's own control-socket defaults (facts §4). */
const daemonDefaults = {address: '127.0.0.1', port: 24_999} as const;

export const installVncauthproxy: StepDefinition = {
	id: 'install-vncauthproxy',
	section: 'vncauthproxy',
	title: 'Upgrade snf-vncauthproxy to 1.5',
	why: 'Synnefo v0.15 needs snf-vncauthproxy newer than 1.4: 1.5 adds user authentication on the control socket and runs the daemon as its own vncauthproxy user.',
	notes: [
		'If /etc/default/vncauthproxy was changed locally, dpkg would ask about it: aptConffiles decides (keep: --force-confold). The next steps merge the new settings into it (facts §8 warning 6).',
	],
	actions: ctx => [aptInstall(ctx, ctx.inventory.vncauthproxy, ['snf-vncauthproxy'])],
	probes: ctx => [probe(ctx.inventory.vncauthproxy, dpkgQuery(['snf-vncauthproxy']), 'snf-vncauthproxy is 1.5 or newer', atLeast15, false)],
};

export const vncauthproxyUser: StepDefinition = {
	id: 'vncauthproxy-user',
	section: 'vncauthproxy',
	title: 'Add the Cyclades user to the vncauthproxy users file',
	why: 'Without a user in its authentication file vncauthproxy refuses every request, and the console stops working. vncauthproxy-passwd adds the user (or replaces its password).',
	notes: [
		'vncauthproxy-passwd asks once for the password through getpass (`Password: `), so it runs in a pseudo-terminal and the password is typed, never put on the command line.',
		'The check reads the user\'s line with its hash masked (no hash reaches a transcript): it sees a well-formed SHA-512 crypt entry, not which password it holds; if the password changed, run this step again (vncauthproxy-passwd replaces the line).',
	],
	actions(ctx) {
		const host = ctx.inventory.vncauthproxy;
		return [
			command(host, argv('vncauthproxy-passwd', ctx.path(host, ctx.text('vncauthproxyUsersFile')), ctx.text('vncUser')), {
				pty: true,
				prompts: [promptRule(literal('Password: '), ctx.secretArg('vncPassword'), "vncauthproxy-passwd's password prompt (getpass)")],
			}),
		];
	},
	probes: ctx => [vncUserProbe(ctx)],
};

const vncOptions = (ctx: PlanContext): PyValue => {
	const caCert = ctx.get('vncCaCert');
	return {
		dict: [
			['auth_user', ctx.text('vncUser')],
			['auth_password', ctx.secretValue('vncPassword')],
			['server_address', ctx.text('vncServerAddress')],
			['server_port', ctx.integer('vncServerPort')],
			['enable_ssl', ctx.boolean('vncEnableSsl')],
			['ca_cert', typeof caCert === 'string' && caCert !== '' ? caCert : null],
			['strict', ctx.boolean('vncStrict')],
		],
	};
};

function sslWarnings(ctx: PlanContext): string | undefined {
	const warnings: string[] = [];
	const caCert = ctx.get('vncCaCert');
	if (ctx.boolean('vncStrict') && (caCert === undefined || caCert === '')) {
		warnings.push('WARNING: strict without ca_cert raises an exception in Cyclades: set vncCaCert');
	}

	if (!ctx.boolean('vncEnableSsl') && (ctx.boolean('vncStrict') || (caCert !== undefined && caCert !== ''))) {
		warnings.push('ca_cert/strict without enable_ssl only log a warning');
	}

	const {cyclades, vncauthproxy} = ctx.inventory;
	if (vncauthproxy.id !== cyclades.id && /^(127\.|localhost$|::1$)/.test(ctx.text('vncServerAddress'))) {
		warnings.push(`WARNING: vncauthproxy runs on ${vncauthproxy.id}, not on ${cyclades.id}: server_address ${ctx.text('vncServerAddress')} is Cyclades' own loopback; set vncServerAddress to an address of ${vncauthproxy.id} that Cyclades reaches (the daemon then listens on it)`);
	}

	return warnings.length === 0 ? undefined : warnings.join('; ');
}

export const cycladesVncauthproxyOpts: StepDefinition = {
	id: 'cyclades-vncauthproxy-opts',
	section: 'vncauthproxy',
	title: 'Configure CYCLADES_VNCAUTHPROXY_OPTS',
	why: 'Cyclades passes this dict to the vncauthproxy client: the user and password from the users file, the control socket address and port, and whether TLS is used. Exactly the seven keys the client accepts; an unknown key is a TypeError.',
	notes: ['server_address/server_port must equal the daemon\'s --listen-address/--listen-port, and TLS must be on in both or in neither (facts §4).'],
	actions(ctx) {
		const host = ctx.inventory.cyclades;
		return [
			edit(host, settingsFile(ctx, host, cycladesApiConf), [{op: 'python-set', name: 'CYCLADES_VNCAUTHPROXY_OPTS', value: vncOptions(ctx)}], 'python', sslWarnings(ctx)),
		];
	},
	probes: ctx => editedSettingsProbes(ctx, cycladesVncauthproxyOpts.actions(ctx)),
};

/** DAEMON_OPTS for /etc/default/vncauthproxy: keeps --pid-file=$PIDFILE, adds only what differs from the daemon defaults. */
export function daemonOptions(address: string, port: number | string, enableSsl: boolean): string {
	const options = ['--pid-file=$PIDFILE'];
	if (address !== daemonDefaults.address) {
		options.push(`--listen-address=${address}`);
	}

	if (port !== daemonDefaults.port) {
		options.push(`--listen-port=${String(port)}`);
	}

	if (enableSsl) {
		options.push('--enable-ssl');
	}

	return options.join(' ');
}

export const vncauthproxyDefaults: StepDefinition = {
	id: 'vncauthproxy-defaults',
	section: 'vncauthproxy',
	title: 'Merge the 1.5 settings into /etc/default/vncauthproxy',
	why: 'vncauthproxy 1.5 runs as its own user (CHUID) and takes its options from DAEMON_OPTS; an older defaults file must be merged with the new one.',
	notes: [
		'DAEMON_OPTS keeps --pid-file=$PIDFILE, which the init script needs (facts §4).',
		'With --enable-ssl the daemon reads /var/lib/vncauthproxy/cert.pem and key.pem (--cert-file, --key-file): put them in place.',
	],
	actions(ctx) {
		const host = ctx.inventory.vncauthproxy;
		return [
			edit(host, ctx.path(host, ctx.text('vncauthproxyDefaultsFile')), [
				{op: 'shell-set', name: 'CHUID', value: ctx.text('vncauthproxyChuid')},
				{op: 'shell-set', name: 'DAEMON_OPTS', value: daemonOptions(ctx.text('vncServerAddress'), ctx.integer('vncServerPort'), ctx.boolean('vncEnableSsl'))},
			], 'none'),
		];
	},
	probes: ctx => vncauthproxyDefaults.actions(ctx).flatMap(action => (action.kind === 'edit' ? [unchangedByEditsProbe(action, 'CHUID and DAEMON_OPTS are set as planned')] : [])),
};

export const restartVncauthproxy: StepDefinition = {
	id: 'restart-vncauthproxy',
	section: 'vncauthproxy',
	title: 'Restart vncauthproxy',
	why: 'The daemon reads its users file and defaults only when it starts.',
	notes: [restartNote(vncPidFile)],
	rerunSafe: true,
	actions: ctx => [service(ctx.inventory.vncauthproxy, 'vncauthproxy', 'restart')],
	probes: ctx => [vncRestartProbe(ctx)],
};
