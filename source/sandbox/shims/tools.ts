import path from 'node:path';
import {readSettings} from '../python-settings.js';
import {loadState, updateState} from '../state.js';
import {releaseOf} from '../versions.js';
import type {ShimContext} from './context.js';
import {OptparseError, flag, parseOptions, text} from './options.js';
import type {OptionSpec} from './options.js';

function prepare(context: ShimContext, specs: readonly OptionSpec[], since: '0.14' | '0.15') {
	const state = loadState(context.sandbox);
	const release = releaseOf(state, context.host, 'snf-cyclades-app');
	if (!release || (since === '0.15' && release !== '0.15')) {
		context.err(`sh: 1: ${context.program}: not found\n`);
		return undefined;
	}

	const settings = readSettings(context.env['SYNNEFO_SETTINGS_DIR'] ?? path.join('/etc', 'synnefo'), ['DEBUG']);
	if (!settings.ok) {
		context.err(`${settings.message}\n`);
		return undefined;
	}

	try {
		return {release, parsed: parseOptions(context.args, [...specs, {long: '--debug', short: '-d', kind: 'flag'}])};
	} catch (error) {
		if (error instanceof OptparseError) {
			context.err(`Usage: ${context.program} [options]\n\n${context.program}: error: ${error.message}\n`);
		}

		return undefined;
	}
}

/** /usr/lib/synnefo/tools/add_unique_name_to_nics (facts §3.11). */
export async function addUniqueNameToNics(context: ShimContext): Promise<number> {
	const prepared = prepare(context, [{long: '--backend-id', kind: 'value'}, {long: '--dry-run', kind: 'flag'}, {long: '--ganeti-dry-run', kind: 'flag'}, {long: '--parallel', kind: 'flag'}], '0.14');
	if (!prepared) {
		return 1;
	}

	const {parsed} = prepared;
	const only = text(parsed, 'backend-id');
	const dryRun = flag(parsed, 'dry-run') || flag(parsed, 'ganeti-dry-run');
	return updateState(context.sandbox, state => {
		if (only === undefined && state.backends.some(backend => backend.offline)) {
			context.err("[ERROR] Can not update intances. An 'offline' backend exists.\n");
			return 1;
		}

		for (const backend of state.backends.filter(candidate => only === undefined || String(candidate.id) === only)) {
			const anonymous = state.instances.filter(server => server.backend === backend.id && server.nics.some(nic => nic.name === null));
			if (anonymous.length === 0) {
				context.err(`[INFO] No anonymous NICs in backend '${backend.clustername}'. Nothing to do!\n`);
				continue;
			}

			for (const server of anonymous) {
				context.err(`[INFO] Updating NICs of instance snf-${server.id}\n`);
				if (!dryRun) {
					for (const nic of server.nics) {
						nic.name ??= `snf-nic-${nic.id}`;
					}

					server.tags = server.nics.map(nic => `synnefo:network:${nic.name}:protected`);
				}
			}
		}

		return 0;
	});
}

/** /usr/lib/synnefo/tools/update_to_floating_ips (facts §3.10), shipped with 0.15. */
export async function updateToFloatingIps(context: ShimContext): Promise<number> {
	const prepared = prepare(context, [{long: '--network-id', kind: 'value'}, {long: '--dry-run', kind: 'flag'}], '0.15');
	if (!prepared) {
		return 1;
	}

	const {parsed} = prepared;
	const network = text(parsed, 'network-id');
	return updateState(context.sandbox, state => {
		if ((state.migrations['db'] ?? 0) < 98) {
			context.err('django.db.utils.DatabaseError: relation "db_ipaddress" does not exist\n');
			return 1;
		}

		const publicNetworks = new Set(state.networks.filter(candidate => candidate.public && (network === undefined || String(candidate.id) === network)).map(candidate => candidate.id));
		const addresses = state.ips.filter(ip => !ip.floating && publicNetworks.has(ip.network));
		context.err(`[INFO] Converting ${addresses.length} public IPv4 addresses to floating IPs.\n`);
		if (flag(parsed, 'debug')) {
			for (const ip of addresses) {
				context.err(`[DEBUG] Converting address ${ip.address} of network ${ip.network}\n`);
			}
		}

		if (addresses.length === 0) {
			context.err('[INFO] No public IPs to convert.\n');
			return 0;
		}

		if (!flag(parsed, 'dry-run')) {
			for (const ip of addresses) {
				ip.floating = true;
			}
		}

		context.err('[INFO] Successfully updated public addresses to floating IPs.\n');
		return 0;
	});
}
