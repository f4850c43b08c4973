import path from 'node:path';
import {checkHostIds, parseHostIds, restrictStep} from '../domain/host-selection.js';
import type {Inventory} from '../domain/inventory-types.js';
import type {Facts, PlannedStep} from '../domain/plan-types.js';
import {shellQuote} from '../domain/shell-quote.js';
import {inventoryHosts} from '../runner/inventory-hosts.js';
import type {RunFailure} from '../runner/run-types.js';
import {hostsArgumentText, writeRetryHosts} from '../state/retry-hosts.js';
import type {CommandContext} from './command.js';

/** The hosts --hosts ID,ID or --hosts @FILE names, checked against the inventory; undefined without --hosts. */
export function selectedHosts(value: string | undefined, inventory: Inventory): ReadonlySet<string> | undefined {
	if (value === undefined) {
		return undefined;
	}

	const ids = parseHostIds(hostsArgumentText(value));
	checkHostIds(ids, inventoryHosts(inventory).map(host => host.id), value);
	return new Set(ids);
}

/** The command that reruns this run on the hosts in `file` only (the same answers, state and sections; --set values are not repeated). */
function retryCommand(flags: CommandContext['flags'], file: string): string {
	const words = ['snf-upgrade', 'run', '--yes', '--hosts', `@${file}`];
	const add = (flag: string, value: string | undefined) => {
		if (value !== undefined) {
			words.push(flag, value);
		}
	};

	add('--answers', flags.answers === undefined ? undefined : path.resolve(flags.answers));
	add('--state-dir', flags.stateDir === undefined ? undefined : path.resolve(flags.stateDir));
	for (const section of flags.only ?? []) {
		add('--only', section);
	}

	for (const section of flags.skip ?? []) {
		add('--skip', section);
	}

	add('--parallel', flags.parallel);
	return words.map(word => shellQuote(word)).join(' ');
}

/** Writes the failed hosts' ids to the retry directory and returns the closing lines that name the file and the rerun command. */
export function retryLines(failures: readonly RunFailure[], inventory: Inventory, directory: string, flags: CommandContext['flags']): string[] {
	const known = new Set(inventoryHosts(inventory).map(host => host.id));
	const failed = [...new Set(failures.map(failure => failure.host))].filter(id => known.has(id)).sort((a, b) => a.localeCompare(b, 'en', {numeric: true}));
	if (failed.length === 0) {
		return [];
	}

	const file = writeRetryHosts(directory, failed);
	return [
		`snf-upgrade: ${failed.length} host${failed.length === 1 ? '' : 's'} failed; their ids are in ${file}. After fixing the cause, rerun only them:`,
		`  ${retryCommand(flags, file)}`,
	];
}

/** A step re-rendered from facts keeps only the --hosts hosts (a re-render starts from the whole inventory). */
export function restrictedRenderer(render: (step: PlannedStep, facts: Facts) => PlannedStep, hosts: ReadonlySet<string> | undefined): (step: PlannedStep, facts: Facts) => PlannedStep {
	return hosts === undefined ? render : (step, facts) => {
		const rendered = render(step, facts);
		return restrictStep(rendered, hosts) ?? {...rendered, actions: [], probes: []};
	};
}
