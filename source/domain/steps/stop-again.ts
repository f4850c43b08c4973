import type {CommandOutput, Shell, Verdict} from '../action-types.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {southHeads} from '../parsers/migrations.js';
import {cannotTell, fact, verdict} from './builders.js';
import {astakosHeads, combined, pithosVerdict, southVerdict} from './migrate.js';
import {servicesByHost, stoppedOrPastProbe} from './service-probes.js';
import {stopUpgradeServices} from './services-down.js';

/** Appended to each migration read, so that the fact (stdout only, and a failed fact stops the run) keeps the exit code. */
const exitMarker = 'snf-upgrade-exit';
const keepingExit = (command: string): Shell => ({pipeline: [{script: `${command}; echo ${exitMarker} $?`}]});

/** A fact read with keepingExit, as the output the migration verdicts read; undefined when not read. */
function factOutput(text: string | undefined): CommandOutput | undefined {
	if (text === undefined) {
		return undefined;
	}

	const lines = text.replace(/\n$/, '').split('\n');
	const match = new RegExp(`^${exitMarker} (\\d+)$`).exec(lines.at(-1) ?? '');
	return {exitCode: match === null ? null : Number(match[1]), stdout: lines.slice(0, -1).join('\n'), stderr: ''};
}

const keys = {astakos: 'migrations-astakos', cyclades: 'migrations-cyclades', pithos: 'migrations-pithos'} as const;

/** Every database at its v0.15 head (the same reads as the migrate steps' probes): done, to do, or cannot tell. */
function migrationsPast(ctx: PlanContext): Verdict {
	const reads: Array<[string, CommandOutput | undefined, (output: CommandOutput) => Verdict]> = [
		['astakos', factOutput(ctx.fact(keys.astakos)), output => southVerdict(output, astakosHeads(ctx))],
		...(combined(ctx) ? [] : [['cyclades', factOutput(ctx.fact(keys.cyclades)), (output: CommandOutput) => southVerdict(output, southHeads.cyclades)] as [string, CommandOutput | undefined, (output: CommandOutput) => Verdict]]),
		['pithos', factOutput(ctx.fact(keys.pithos)), pithosVerdict],
	];
	for (const [name, output, judge] of reads) {
		if (output === undefined) {
			return cannotTell(`the ${name} migrations have not been read`);
		}

		const found = judge(output);
		if (!found.ok) {
			return found.cannotTell ? cannotTell(`the ${name} migrations cannot be read: ${found.detail}`) : verdict(false, `the ${name} migrations are to do (${found.detail})`);
		}
	}

	return verdict(true, 'every database is at its v0.15 head');
}

export const stopServicesAgain: StepDefinition = {
	id: 'stop-services-again',
	section: 'packages',
	title: 'Stop the services the installation started',
	why: 'The package scripts start gunicorn, snf-dispatcher and snf-ganeti-eventd; they must be down again before the databases are migrated.',
	notes: [
		'The runbook says "at least gunicorn, snf-dispatcher"; snf-ganeti-eventd is stopped on the masters too, as in section 1.',
		'Done on a host when its services are stopped, or when every database is already at its v0.15 head (read on the Astakos, Cyclades and Pithos hosts as the migrate steps do): after the migrations this stop has no purpose, and a rerun never stops services that section 5 started.',
	],
	facts(ctx) {
		const {astakos, cyclades, pithos} = ctx.inventory;
		return [
			fact(keys.astakos, astakos, keepingExit('snf-manage migrate --list 2>/dev/null'), 'the South migrations on the Astakos host'),
			...(combined(ctx) ? [] : [fact(keys.cyclades, cyclades, keepingExit('snf-manage migrate --list 2>/dev/null'), 'the South migrations on the Cyclades host')]),
			fact(keys.pithos, pithos, keepingExit('pithos-migrate current 2>&1'), 'the Pithos database revision'),
		];
	},
	actions: ctx => stopUpgradeServices(ctx),
	probes(ctx) {
		const past = migrationsPast(ctx);
		return servicesByHost(stopUpgradeServices(ctx)).map(({host, names}) => stoppedOrPastProbe(host, names, past));
	},
};
