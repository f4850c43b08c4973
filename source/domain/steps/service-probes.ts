import type {Action, CommandOutput, Probe, Verdict} from '../action-types.js';
import type {Host} from '../inventory-types.js';
import {installedVersions} from '../parsers/dpkg-query.js';
import type {PlanContext} from '../plan-types.js';
import {shellQuote} from '../shell-quote.js';
import {cannotTell, parsedVerdict, verdict} from '../verdicts.js';

const marker = 'snf-upgrade-service-status';
/** The package whose version tells how far the upgrade is on a host: every Synnefo host has snf-common (facts §6). */
const versionPackage = 'snf-common';

/**
 * One read per host: `service NAME status` of each service (the Synnefo init scripts answer with LSB's
 * status_of_proc: exit 0 running, 3 not running; debian/*.init at
 * debian/0.15-1wheezy), then snf-common's version (`dpkg-query -W`, facts §6).
 */
function statusScript(names: readonly string[]): string {
	const reads = names.map(name => `service ${shellQuote(name)} status >/dev/null 2>&1; echo ${marker} ${shellQuote(name)} $?`);
	return [...reads, `dpkg-query -W ${shellQuote('-f=${Package} ${Version}\\n')} ${versionPackage}`].join('; ');
}

type ServiceState = 'running' | 'stopped';

interface Reading {
	readonly states: ReadonlyMap<string, ServiceState>;
	/** snf-common's version, undefined when not installed. */
	readonly version: string | undefined;
}

/** Reads the status lines and the version; throws (→ cannot tell) on anything it does not know. */
function read(names: readonly string[], output: CommandOutput): Reading {
	const lines = output.stdout.split('\n');
	const states = new Map<string, ServiceState>();
	for (const line of lines.filter(text => text.startsWith(`${marker} `))) {
		const [, name = '', code = ''] = line.trim().split(' ');
		// Not 1: LSB's "dead, pid file left" is also what `service` says for a service it does not know.
		const state = code === '0' ? 'running' : code === '3' ? 'stopped' : undefined;
		if (state === undefined) {
			throw new Error(`service ${name} status exited with ${code}: neither running (0) nor stopped (3)`);
		}

		states.set(name, state);
	}

	const missing = names.filter(name => !states.has(name));
	if (missing.length > 0) {
		throw new Error(`no status read for ${missing.join(', ')}`);
	}

	const rest = {...output, stdout: lines.filter(text => !text.startsWith(`${marker} `)).join('\n')};
	return {states, version: installedVersions(rest, [versionPackage]).get(versionPackage)};
}

const listed = (names: readonly string[]) => names.join(', ');

/**
 * Done when every service is stopped, or when the host's snf-common is already the target version: the
 * install is past this stop (it starts the services again; the later steps stop and start them).
 */
export function stoppedProbe(ctx: PlanContext, host: Host, names: readonly string[]): Probe {
	const target = ctx.text('expectedVersion');
	return {
		host,
		shell: {pipeline: [{script: statusScript(names)}]},
		asRoot: true,
		description: `${listed(names)} stopped on ${host.id}, or the upgrade past it (snf-common at ${target})`,
		isDone: output => parsedVerdict((): Verdict => {
			const {states, version} = read(names, output);
			const running = names.filter(name => states.get(name) === 'running');
			if (running.length === 0) {
				return verdict(true, `${listed(names)} not running`);
			}

			if (version?.startsWith(target)) {
				return verdict(true, `${listed(running)} running again, but snf-common is ${version}: the upgrade is past this stop`);
			}

			return verdict(false, `${listed(running)} running, snf-common ${version ?? 'not installed'}`);
		}),
	};
}

/**
 * Done when every service runs and the host's snf-common is the target version (a 0.14 service that never
 * stopped is not "started after the upgrade").
 */
export function startedProbe(ctx: PlanContext, host: Host, names: readonly string[]): Probe {
	const target = ctx.text('expectedVersion');
	return {
		host,
		shell: {pipeline: [{script: statusScript(names)}]},
		asRoot: true,
		description: `${listed(names)} running on ${host.id} with snf-common at ${target}`,
		isDone: output => parsedVerdict((): Verdict => {
			const {states, version} = read(names, output);
			const stopped = names.filter(name => states.get(name) === 'stopped');
			if (version === undefined) {
				return cannotTell(`snf-common is not installed on ${host.id}`);
			}

			if (!version.startsWith(target)) {
				return verdict(false, `snf-common is ${version}, not ${target}: the upgrade has not reached this host`);
			}

			return stopped.length === 0 ? verdict(true, `${listed(names)} running, snf-common ${version}`) : verdict(false, `${listed(stopped)} not running`);
		}),
	};
}

/**
 * Done when every service is stopped, or when `past` (read elsewhere, e.g. the migrations at their
 * heads) says the upgrade no longer needs them down; running with `past` unknown is "cannot tell".
 */
export function stoppedOrPastProbe(host: Host, names: readonly string[], past: Verdict): Probe {
	return {
		host,
		shell: {pipeline: [{script: statusScript(names)}]},
		asRoot: true,
		description: `${listed(names)} stopped on ${host.id}, or the migrations past`,
		isDone: output => parsedVerdict((): Verdict => {
			const {states} = read(names, output);
			const running = names.filter(name => states.get(name) === 'running');
			if (running.length === 0) {
				return verdict(true, `${listed(names)} not running`);
			}

			if (past.ok) {
				return verdict(true, `${listed(running)} running again, but ${past.detail}: the upgrade is past this stop`);
			}

			return past.cannotTell ? cannotTell(`${listed(running)} running, and ${past.detail}`) : verdict(false, `${listed(running)} running; ${past.detail}`);
		}),
	};
}

/** The services each host's `service NAME stop|start` actions name, by host, in order. */
export function servicesByHost(actions: readonly Action[]): Array<{host: Host; names: string[]}> {
	const byHost = new Map<string, {host: Host; names: string[]}>();
	for (const action of actions) {
		const [command] = action.kind === 'command' ? action.shell.pipeline : [];
		const args = command !== undefined && 'argv' in command ? command.argv : [];
		const [program, name] = args;
		if (program !== 'service' || typeof name !== 'string') {
			continue;
		}

		const entry = byHost.get(action.host.id) ?? {host: action.host, names: []};
		byHost.set(action.host.id, entry);
		if (!entry.names.includes(name)) {
			entry.names.push(name);
		}
	}

	return [...byHost.values()];
}

/** One probe per host for the services its actions stop (`stopped`) or start (`started`). */
export function serviceProbes(ctx: PlanContext, actions: readonly Action[], wanted: 'stopped' | 'started'): Probe[] {
	return servicesByHost(actions).map(({host, names}) => (wanted === 'stopped' ? stoppedProbe(ctx, host, names) : startedProbe(ctx, host, names)));
}
