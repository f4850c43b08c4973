import {noAnonymousNics} from '../parsers/checks.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {argv, command, probe, tool} from './builders.js';

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
	// It names only NICs that have no name yet: run again, it finds nothing to do.
	rerunSafe: true,
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
