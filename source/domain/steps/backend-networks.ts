import type {Action, CommandOutput, Verdict} from '../action-types.js';
import {jsonCheck} from '../parsers/checks.js';
import {backendNetworkStates} from '../parsers/network-checks.js';
import {parseSnfManageJson} from '../parsers/snf-manage-json.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {shellQuote} from '../shell-quote.js';
import {argv, cannotTell, failedRun, fact, parsedVerdict, probe, snfManage, verdict} from './builders.js';

const networksCommand = ['network-list', '--public', '-o', 'id,name,backends', '--output-format=json'] as const;
const backendsCommand = ['backend-list', '-o', 'id,clustername,offline', '--output-format=json'] as const;

/** Backend IDs in a `backends` cell of network-list (a list rendered with str(): "[1, 2]" or "1,2"). */
const idsIn = (cell: string | undefined): string[] => [...(cell ?? '').matchAll(/\d+/g)].map(match => match[0]);

export interface MissingNetwork {
	readonly network: string;
	readonly name: string;
	readonly backend: string;
}

/** Every (public network, backend that is not offline) pair where the network is missing, from the two snf-manage JSON lists. */
export function missingNetworkPairs(networksJson: string, backendsJson: string): MissingNetwork[] {
	const backends = parseSnfManageJson(backendsJson, 'backend-list').filter(row => row['offline'] !== 'True').map(row => row['id'] ?? '');
	const networks = parseSnfManageJson(networksJson, 'network-list');
	return networks.flatMap(row => {
		const present = new Set(idsIn(row['backends']));
		return backends
			.filter(backend => backend !== '' && !present.has(backend))
			.map(backend => ({network: row['id'] ?? '', name: row['name'] ?? '', backend}));
	});
}

function networksVerdict(output: CommandOutput, backendsJson: string | undefined): Verdict {
	if (backendsJson === undefined) {
		return cannotTell('the backend list has not been read');
	}

	return failedRun(output) ?? parsedVerdict(() => {
		const missing = missingNetworkPairs(output.stdout, backendsJson);
		return missing.length === 0
			? verdict(true, 'every public network exists in every backend that is not offline')
			: verdict(false, `${missing.length} (network, backend) pairs missing, e.g. network ${missing[0]!.network} in backend ${missing[0]!.backend}`);
	});
}

export const publicNetworksEverywhere: StepDefinition = {
	id: 'public-networks-everywhere',
	section: 'floating-ips',
	title: 'Create every public network in every Ganeti backend',
	why: 'Before v0.15 each public network lived in one backend; v0.15 moves public IPv4 addresses between VMs on any backend, so every public network must exist in every backend. Section 0 checked that every node can carry them; now that v0.15 is installed they are created.',
	notes: [
		'`network-modify --add-to-backend` exists only from v0.15 (synnefo/logic/management/commands/network-modify.py; the v0.14.10 command has no such option), so this runs after the packages and the migrations, not in section 0 as the runbook says (facts §3.9).',
		'The commands are computed from `snf-manage network-list --public -o id,name,backends` and `snf-manage backend-list`, read when the step runs; offline backends are left out.',
		'Running it again is harmless: --add-to-backend only sends jobs where the network is not active (ensure_network_is_active).',
		'snf-ganeti-eventd is down until section 5, so these networks stay PENDING in the database until section 5 reconciles them.',
	],
	rerunSafe: true,
	facts(ctx) {
		const host = ctx.inventory.cyclades;
		return [
			fact('public-networks', host, argv('snf-manage', ...networksCommand), 'public networks and the backends that have them'),
			fact('backends', host, argv('snf-manage', ...backendsCommand), 'the Ganeti backends Cyclades knows'),
		];
	},
	actions(ctx) {
		const host = ctx.inventory.cyclades;
		const networks = ctx.fact('public-networks');
		const backends = ctx.fact('backends');
		if (networks === undefined || backends === undefined) {
			if (networks === undefined) {
				ctx.missing('public-networks');
			}

			if (backends === undefined) {
				ctx.missing('backends');
			}

			return [
				snfManage(host, ['network-modify', '--add-to-backend=<BACKEND_ID>', '--', '<NETWORK_ID>'], {
					note: 'once for every public network missing from a backend (computed from the lists when the step runs)',
				}),
			];
		}

		let pairs: MissingNetwork[];
		try {
			pairs = missingNetworkPairs(networks, backends);
		} catch (error) {
			return [
				snfManage(host, ['network-modify', `--add-to-backend=${ctx.missing('BACKEND_ID')}`, '--', ctx.missing('NETWORK_ID')], {
					note: `could not read the network lists: ${(error as Error).message}`,
				}),
			];
		}

		return pairs.map((pair): Action =>
			snfManage(host, ['network-modify', `--add-to-backend=${pair.backend}`, '--', pair.network], {
				note: `public network ${pair.network}${pair.name === '' ? '' : ` (${pair.name})`} is missing from backend ${pair.backend}`,
			}));
	},
	probes(ctx) {
		const backends = ctx.fact('backends');
		return [
			probe(
				ctx.inventory.cyclades,
				argv('snf-manage', ...networksCommand),
				'every public network lists every backend',
				output => networksVerdict(output, backends),
			),
		];
	},
};

const idsCommand = ['network-list', '--public', '-o', 'id', '--output-format=json'] as const;

/** The public network IDs from the fact, or undefined when it is missing or unreadable. */
function publicIds(ctx: PlanContext): string[] | undefined {
	const output = ctx.fact('public-network-ids');
	if (output === undefined) {
		return undefined;
	}

	try {
		return parseSnfManageJson(output, 'network-list').map(row => row['id'] ?? '').filter(id => /^\d+$/.test(id));
	} catch {
		return undefined;
	}
}

function pendingVerdict(output: CommandOutput, ids: readonly string[]): Verdict {
	return failedRun(output) ?? parsedVerdict(() => {
		const rows = backendNetworkStates(output.stdout, ids);
		const unsynced = rows.filter(row => row.state !== 'ACTIVE');
		return unsynced.length === 0
			? verdict(true, `${rows.length} backend networks of ${ids.length} public networks, all ACTIVE`)
			: verdict(false, `${unsynced.length} not ACTIVE, e.g. network ${unsynced[0]!.network} ${unsynced[0]!.state} in ${unsynced[0]!.backend}`);
	});
}

export const reconcilePendingNetworks: StepDefinition = {
	id: 'reconcile-pending-networks',
	section: 'services-up',
	title: 'Reconcile the backend networks left PENDING while snf-ganeti-eventd was down',
	why: 'The networks created in section 3 sent Ganeti jobs while snf-ganeti-eventd was stopped; eventd learns of finished jobs only from new job files, so those rows stay PENDING and Cyclades will not use them. reconcile-networks finds them in Ganeti and marks them active.',
	notes: [
		'Read in `snf-manage network-inspect <id>` ("State of Network <id> in DB for each backend"); fixed with `snf-manage reconcile-networks --fix-all`, its only fixing option (synnefo/logic/reconciliation.py, CASE-4 unsynced network state).',
	],
	rerunSafe: true,
	facts: ctx => [fact('public-network-ids', ctx.inventory.cyclades, argv('snf-manage', ...idsCommand), 'the public networks')],
	actions: ctx => [snfManage(ctx.inventory.cyclades, ['reconcile-networks', '--fix-all'])],
	probes(ctx) {
		const host = ctx.inventory.cyclades;
		const ids = publicIds(ctx);
		if (ids === undefined || ids.length === 0) {
			return [probe(host, argv('snf-manage', ...idsCommand), 'every backend network of every public network is ACTIVE', output => (ids === undefined
				? cannotTell('the public network list has not been read')
				: jsonCheck('network-list', rows => (rows.length === 0 ? verdict(true, 'there is no public network') : cannotTell('public networks appeared since the list was read')))(output)))];
		}

		const script = ids.map(id => `snf-manage network-inspect ${shellQuote(id)}`).join(' && ');
		return [probe(host, {pipeline: [{script}]}, 'every backend network of every public network is ACTIVE', output => pendingVerdict(output, ids))];
	},
};
