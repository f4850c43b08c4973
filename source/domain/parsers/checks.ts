import type {CommandOutput, Verdict} from '../action-types.js';
import {parseDpkgVersions} from './dpkg-query.js';
import {parseSnfManageJson} from './snf-manage-json.js';

type Check = (output: CommandOutput) => Verdict;

function failedRun(output: CommandOutput): Verdict | undefined {
	if (output.exitCode === 0) {
		return undefined;
	}

	const tail = (output.stderr.trim() || output.stdout.trim()).split('\n').at(-1) ?? '';
	const code = output.exitCode === null ? 'was killed' : `exited with ${output.exitCode}`;
	return {ok: false, detail: tail === '' ? `the command ${code}` : `the command ${code}: ${tail}`};
}

function listed(names: readonly string[]): string {
	return names.join(', ');
}

/** Runs a JSON check, turning a parse error into a failed verdict. */
function jsonCheck(command: string, judge: (rows: Array<Record<string, string>>) => Verdict): Check {
	return output => {
		const failed = failedRun(output);
		if (failed !== undefined) {
			return failed;
		}

		try {
			return judge(parseSnfManageJson(output.stdout, command));
		} catch (error) {
			return {ok: false, detail: (error as Error).message};
		}
	};
}

/** `reconcile-resources-cyclades` without --fix says `Everything in sync.` (on stderr). */
export const everythingInSync: Check = output => {
	const failed = failedRun(output);
	if (failed !== undefined) {
		return failed;
	}

	if (`${output.stderr}\n${output.stdout}`.includes('Everything in sync.')) {
		return {ok: true, detail: 'Everything in sync.'};
	}

	const lines = output.stdout.split('\n').filter(line => line.trim() !== '').length;
	return {ok: false, detail: `resources are not in sync (${Math.max(0, lines - 2)} unsynced rows listed)`};
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
			return {ok: false, detail: `no OAuth2 client ${identifier}`};
		}

		const urls = (client['redirect_urls'] ?? '').split(',').map(url => url.trim()).filter(url => url !== '');
		if (client['is_trusted'] !== 'True') {
			return {ok: false, detail: `client ${identifier} exists but is not trusted`};
		}

		if (!urls.some(url => redirectMatches(url, redirectUrl))) {
			return {ok: false, detail: `client ${identifier} lacks redirect URL ${redirectUrl} (has ${listed(urls) || 'none'})`};
		}

		return {ok: true, detail: `client ${identifier} is trusted and redirects to ${redirectUrl}`};
	});
}

/** `network-list … -o id,…,floating_ip_pool --output-format=json`: every network is a floating IP pool. */
export function floatingIpPools(networkIds: readonly string[]): Check {
	return jsonCheck('network-list', rows => {
		const missing = networkIds.filter(id => !rows.some(row => row['id'] === id));
		const notPools = networkIds.filter(id => rows.some(row => row['id'] === id && row['floating_ip_pool'] !== 'True'));
		if (missing.length > 0 || notPools.length > 0) {
			const parts = [
				...(missing.length > 0 ? [`network ${listed(missing)} not found`] : []),
				...(notPools.length > 0 ? [`network ${listed(notPools)} not a floating IP pool`] : []),
			];
			return {ok: false, detail: parts.join('; ')};
		}

		return {ok: true, detail: `network ${listed(networkIds)} ${networkIds.length === 1 ? 'is a floating IP pool' : 'are floating IP pools'}`};
	});
}

/** `resource-list -o name --output-format=json`: every resource exists. */
export function resourcesPresent(names: readonly string[]): Check {
	return jsonCheck('resource-list', rows => {
		const missing = names.filter(name => !rows.some(row => row['name'] === name));
		return missing.length > 0
			? {ok: false, detail: `missing resources: ${listed(missing)}`}
			: {ok: true, detail: `resources present: ${listed(names)}`};
	});
}

/** `add_unique_name_to_nics --dry-run`: only "Nothing to do!" lines, one per backend. */
export const noAnonymousNics: Check = output => {
	const failed = failedRun(output);
	if (failed !== undefined) {
		return failed;
	}

	const lines = `${output.stderr}\n${output.stdout}`.split('\n').map(line => line.trim()).filter(line => line !== '');
	const other = lines.filter(line => !line.includes('Nothing to do!'));
	if (lines.length === 0) {
		return {ok: false, detail: 'add_unique_name_to_nics printed nothing'};
	}

	if (other.length > 0) {
		return {ok: false, detail: `NICs still need names: ${other[0]!}${other.length > 1 ? ` (+${other.length - 1} more lines)` : ''}`};
	}

	return {ok: true, detail: `no anonymous NICs in ${lines.length} backend${lines.length === 1 ? '' : 's'}`};
};

/** dpkg-query output: snf-common and snf-webproject are installed with the same version, starting with prefix. */
export function versionsMatch(prefix: string): Check {
	return output => {
		const versions = parseDpkgVersions(output.stdout);
		const common = versions.get('snf-common');
		const webproject = versions.get('snf-webproject');
		if (common === undefined || webproject === undefined) {
			const missing = [common === undefined ? 'snf-common' : '', webproject === undefined ? 'snf-webproject' : ''].filter(Boolean);
			return {ok: false, detail: `not installed: ${listed(missing)}`};
		}

		if (common !== webproject) {
			return {ok: false, detail: `snf-common ${common} but snf-webproject ${webproject}`};
		}

		if (!common.startsWith(prefix)) {
			return {ok: false, detail: `snf-common and snf-webproject are ${common}, not ${prefix}…`};
		}

		return {ok: true, detail: `snf-common and snf-webproject are both ${common}`};
	};
}
