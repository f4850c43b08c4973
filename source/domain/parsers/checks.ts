import type {CommandOutput, Verdict} from '../action-types.js';
import {cannotTell, failedRun, parsedVerdict, verdict} from '../verdicts.js';
import {installedVersions} from './dpkg-query.js';
import {parseSnfManageJson} from './snf-manage-json.js';

type Check = (output: CommandOutput) => Verdict;

function listed(names: readonly string[]): string {
	return names.join(', ');
}

/**
 * Django's answer to a command or list field the host's Synnefo does not have yet (the v0.14 code):
 * positive evidence that the v0.15 step is still to do.
 */
function notYetThere(output: CommandOutput): Verdict | undefined {
	if (output.exitCode !== 1) {
		return undefined;
	}

	const command = /^Unknown command: '([\w-]+)'$/m.exec(output.stderr);
	if (command !== null) {
		return verdict(false, `this snf-manage has no ${command[1]!} command yet (the v0.15 packages are not installed)`);
	}

	const field = /^Error: Unknown field '([\w.]+)'/m.exec(output.stderr);
	return field === null ? undefined : verdict(false, `this snf-manage has no field ${field[1]!} yet (the v0.15 packages are not installed)`);
}

/** Runs a JSON check: a failed command or output that is not snf-manage's JSON list cannot tell (a v0.14 snf-manage: to do). */
export function jsonCheck(command: string, judge: (rows: Array<Record<string, string>>) => Verdict): Check {
	return output => notYetThere(output) ?? failedRun(output) ?? parsedVerdict(() => judge(parseSnfManageJson(output.stdout, command)));
}

/**
 * `reconcile-resources-cyclades` without --fix says `Everything in sync.` (on stderr) when done; its
 * table of unsynced rows (`User  Resource  Database  Quotaholder`) or pending commissions mean to do;
 * anything else cannot tell.
 */
export const everythingInSync: Check = output => {
	const failed = failedRun(output);
	if (failed !== undefined) {
		return failed;
	}

	const all = `${output.stderr}\n${output.stdout}`;
	if (/^\s*Everything in sync\.\s*$/m.test(all)) {
		return verdict(true, 'Everything in sync.');
	}

	if (all.includes("Found pending commissions. Run 'snf-manage reconcile-commissions-cyclades'")) {
		return verdict(false, 'pending commissions: run snf-manage reconcile-commissions-cyclades first');
	}

	const lines = output.stdout.split('\n').filter(line => line.trim() !== '');
	if (lines.length > 0 && /^\s*User\s+Resource\s+Database\s+Quotaholder\s*$/.test(lines[0]!)) {
		return verdict(false, `resources are not in sync (${Math.max(0, lines.length - 2)} unsynced rows listed)`);
	}

	return cannotTell(`neither "Everything in sync." nor a table of unsynced resources (got ${JSON.stringify(all.trim().split('\n')[0]!.slice(0, 80))})`);
};

function redirectMatches(registered: string, url: string): boolean {
	// Astakos accepts the exact URL or any URL under the registered one.
	return registered === url || url.startsWith(`${registered.replace(/\/+$/, '')}/`);
}

/** `oauth2-client-list -o id,identifier,redirect_urls,is_trusted --output-format=json`: the client is trusted and has the URL. */
export function oauthClientRegistered(identifier: string, redirectUrl: string): Check {
	return jsonCheck('oauth2-client-list', rows => {
		const client = rows.find(row => row['identifier'] === identifier);
		if (client === undefined) {
			return verdict(false, `no OAuth2 client ${identifier}`);
		}

		const urls = (client['redirect_urls'] ?? '').split(',').map(url => url.trim()).filter(url => url !== '');
		if (client['is_trusted'] !== 'True') {
			return verdict(false, `client ${identifier} exists but is not trusted`);
		}

		if (!urls.some(url => redirectMatches(url, redirectUrl))) {
			return verdict(false, `client ${identifier} lacks redirect URL ${redirectUrl} (has ${listed(urls) || 'none'})`);
		}

		return verdict(true, `client ${identifier} is trusted and redirects to ${redirectUrl}`);
	});
}

/** `network-list … -o id,…,floating_ip_pool --output-format=json`: every network is a floating IP pool (0.14 has no such field: to do). */
export function floatingIpPools(networkIds: readonly string[]): Check {
	return jsonCheck('network-list', rows => {
		const missing = networkIds.filter(id => !rows.some(row => row['id'] === id));
		const notPools = networkIds.filter(id => rows.some(row => row['id'] === id && row['floating_ip_pool'] !== 'True'));
		if (missing.length > 0) {
			return cannotTell(`network ${listed(missing)} not found among the public networks`);
		}

		if (notPools.length > 0) {
			return verdict(false, `network ${listed(notPools)} not a floating IP pool`);
		}

		return verdict(true, `network ${listed(networkIds)} ${networkIds.length === 1 ? 'is a floating IP pool' : 'are floating IP pools'}`);
	});
}

/** `resource-list -o name --output-format=json`: every resource exists. */
export function resourcesPresent(names: readonly string[]): Check {
	return jsonCheck('resource-list', rows => {
		const missing = names.filter(name => !rows.some(row => row['name'] === name));
		return missing.length > 0
			? verdict(false, `missing resources: ${listed(missing)}`)
			: verdict(true, `resources present: ${listed(names)}`);
	});
}

const nothingToDo = /^\[INFO\] No anonymous NICs in backend '.*'\. Nothing to do!$/;
const updating = /^\[INFO\] Updating NICs of instance \S+$/;

/**
 * `add_unique_name_to_nics --dry-run` logs (facts §3.11): done when every line is a backend's
 * "Nothing to do!"; to do when it would update an instance; anything else (nothing printed, another
 * message) cannot tell.
 */
export const noAnonymousNics: Check = output => {
	const failed = failedRun(output);
	if (failed !== undefined) {
		return failed;
	}

	const lines = `${output.stderr}\n${output.stdout}`.split('\n').map(line => line.trim()).filter(line => line !== '');
	if (lines.length === 0) {
		return cannotTell('add_unique_name_to_nics printed nothing');
	}

	const updates = lines.filter(line => updating.test(line));
	if (updates.length > 0) {
		return verdict(false, `NICs still need names: ${updates[0]!}${updates.length > 1 ? ` (+${updates.length - 1} more instances)` : ''}`);
	}

	const other = lines.find(line => !nothingToDo.test(line));
	if (other !== undefined) {
		return cannotTell(`unexpected output: ${other.slice(0, 120)}`);
	}

	return verdict(true, `no anonymous NICs in ${lines.length} backend${lines.length === 1 ? '' : 's'}`);
};

/** dpkg-query output: snf-common and snf-webproject are installed with the same version, starting with prefix. */
export function versionsMatch(prefix: string): Check {
	return output => parsedVerdict(() => {
		const versions = installedVersions(output, ['snf-common', 'snf-webproject']);
		const common = versions.get('snf-common');
		const webproject = versions.get('snf-webproject');
		if (common === undefined || webproject === undefined) {
			const missing = [common === undefined ? 'snf-common' : '', webproject === undefined ? 'snf-webproject' : ''].filter(Boolean);
			return verdict(false, `not installed: ${listed(missing)}`);
		}

		if (common !== webproject) {
			return verdict(false, `snf-common ${common} but snf-webproject ${webproject}`);
		}

		if (!common.startsWith(prefix)) {
			return verdict(false, `snf-common and snf-webproject are ${common}, not ${prefix}…`);
		}

		return verdict(true, `snf-common and snf-webproject are both ${common}`);
	});
}
