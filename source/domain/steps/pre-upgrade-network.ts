import type {Action, CommandOutput, Verdict} from '../action-types.js';
import {parseSnfManageJson} from '../parsers/snf-manage-json.js';
import {noAnonymousNics} from '../parsers/checks.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {argv, command, fact, parsedVerdict, probe, snfManage, tool, verdict} from './builders.js';

const nicsArgs = (ctx: PlanContext): string[] => {
	const backendId = ctx.get('nicsBackendId');
	return backendId === undefined ? [] : [`--backend-id=${String(backendId)}`];
};

export const uniqueNicNames: StepDefinition = {
	id: 'unique-nic-names',
	section: 'pre-upgrade',
	title: 'Give every NIC of every Ganeti instance a unique name',
	why: 'Synnefo v0.15 refers to each NIC by a unique name (Ganeti ≥ 2.8). The helper shipped with v0.14.10 names every anonymous NIC `snf-nic-<id>` and re-adds the firewall tags under that name.',
	notes: [
		'Run it while still on v0.14.10, before the packages are upgraded (facts §8 warning 1).',
		"It refuses to run on all backends while one is offline ('An 'offline' backend exists.'): set nicsBackendId to run it per backend (--backend-id).",
		'NICs with an unknown index are logged as CRITICAL: run `snf-manage reconcile-servers --fix-all` and run the step again.',
	],
	actions(ctx) {
		const host = ctx.inventory.cyclades;
		return [command(host, argv(tool(ctx, host, 'add_unique_name_to_nics'), ...nicsArgs(ctx)))];
	},
	probes(ctx) {
		const host = ctx.inventory.cyclades;
		return [
			probe(
				host,
				argv(tool(ctx, host, 'add_unique_name_to_nics'), '--dry-run', ...nicsArgs(ctx)),
				'the --dry-run reports only "Nothing to do!" for every backend',
				noAnonymousNics,
			),
		];
	},
};

const networksCommand = ['network-list', '--public', '-o', 'id,name,backends', '--output-format=json'] as const;
const backendsCommand = ['backend-list', '--output-format=json'] as const;

/** Backend IDs in a `backends` cell of network-list (a list rendered with str(): "[1, 2]" or "1,2"). */
const idsIn = (cell: string | undefined): string[] => [...(cell ?? '').matchAll(/\d+/g)].map(match => match[0]);

export interface MissingNetwork {
	readonly network: string;
	readonly name: string;
	readonly backend: string;
}

/** Every (public network, backend) pair where the network is missing, from the two snf-manage JSON lists. */
export function missingNetworkPairs(networksJson: string, backendsJson: string): MissingNetwork[] {
	const backends = parseSnfManageJson(backendsJson, 'backend-list').map(row => row['id'] ?? '');
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
		return verdict(false, 'the backend list has not been read yet');
	}

	return parsedVerdict(() => {
		const missing = missingNetworkPairs(output.stdout, backendsJson);
		return missing.length === 0
			? verdict(true, 'every public network exists in every backend')
			: verdict(false, `${missing.length} (network, backend) pairs missing, e.g. network ${missing[0]!.network} in backend ${missing[0]!.backend}`);
	});
}

export const publicNetworksEverywhere: StepDefinition = {
	id: 'public-networks-everywhere',
	section: 'pre-upgrade',
	title: 'Make every public network exist in every Ganeti backend',
	why: 'Before v0.15 each public network lived in one backend; v0.15 moves public IPv4 addresses between VMs on any backend, so every public network must exist in every backend.',
	notes: [
		'The commands are computed from `snf-manage network-list --public -o id,name,backends` and `snf-manage backend-list`, read when the step runs (facts §3.9).',
		'The Ganeti network configuration (links, bridges, routing) of all backends must also be identical and able to carry every public network: check that by hand.',
		'network-modify only creates the network on backends that are not offline.',
	],
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
