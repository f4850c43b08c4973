import type {AnswerSpec, AnswerValue, FromHost} from '../answer-types.js';
import {answerSpecs} from '../answers-schema.js';
import type {DeploymentReading, Reading} from '../deployment-reading.js';
import type {Host, Inventory, Role} from '../inventory-types.js';
import {describeSettingsError} from '../parsers/settings-in-force.js';

/** One answer's value as one host has it. */
export interface HostObservation {
	readonly key: string;
	readonly host: string;
	readonly value: AnswerValue;
	/** "ASTAKOS_BASE_URL in force on cyclades, set in /etc/synnefo/20-snf-cyclades-app-api.conf". */
	readonly source: string;
}

/** An answer whose host value could not be read there, and why. */
export interface HostValueProblem {
	readonly key: string;
	readonly host: string;
	readonly problem: string;
}

export interface HostValues {
	readonly observations: readonly HostObservation[];
	readonly problems: readonly HostValueProblem[];
}

type Found = {readonly value: unknown; readonly source: string} | {readonly problem: string} | undefined;

function hostOf(inventory: Inventory, role: Role): Host | undefined {
	switch (role) {
		case 'ganeti-master':
		case 'ganeti-node': {
			return undefined;
		}

		default: {
			return inventory[role];
		}
	}
}

function fromReading<T>(reading: Reading<T> | undefined, pick: (value: T, source: string) => Found): Found {
	if (reading === undefined) {
		return undefined;
	}

	return reading.ok ? pick(reading.value, reading.source) : {problem: `${reading.source}: ${reading.problem}`};
}

function fromSettings(reading: DeploymentReading, from: FromHost, host: Host): Found {
	return fromReading(reading.settings.get(host.id), settings => {
		if (!settings.ok) {
			return {problem: `the settings of ${host.id} do not run: ${describeSettingsError(settings.error)}`};
		}

		const setting = settings.settings.get(from.key);
		if (setting !== undefined) {
			return setting.json === undefined
				? {problem: `${from.key} in force on ${host.id} is ${setting.repr ?? 'a value'} (not a plain value)`}
				: {value: setting.json, source: `${from.key} in force on ${host.id}, set in ${setting.file}`};
		}

		const fallback = from.fallback === undefined ? undefined : settings.settings.get(from.fallback.key);
		if (from.fallback !== undefined && typeof fallback?.json === 'string' && fallback.json.replace(/\/+$/, '').endsWith(from.fallback.suffix)) {
			const value = fallback.json.replace(/\/+$/, '').slice(0, -from.fallback.suffix.length);
			return {value, source: `${from.key} is not set on ${host.id}; derived from ${from.fallback.key} in force there (set in ${fallback.file}) without ${from.fallback.suffix}`};
		}

		return from.codeDefault === undefined ? undefined : {value: from.codeDefault, source: `${from.key} is set by no file on ${host.id}: the code default`};
	});
}

function found(reading: DeploymentReading, from: FromHost, host: Host): Found {
	switch (from.reader) {
		case 'settings': {
			return fromSettings(reading, from, host);
		}

		case 'component-list': {
			return fromReading(reading.components, (urls, source) => (urls.has(from.key) ? {value: urls.get(from.key), source: `ui_url of ${from.key} in ${source}`} : undefined));
		}

		case 'network-list': {
			return fromReading(reading.publicNetworks, (networks, source) => ({value: networks.map(network => network.id), source: `every public network in ${source}`}));
		}

		case 'shibboleth2.xml': {
			return fromReading(reading.remoteUser, (value, source) => (value === undefined ? undefined : {value, source}));
		}

		case 'resource-list': {
			return fromReading(reading.resourceDefaults, (quotas, source) => (quotas.has(from.key) ? {value: quotas.get(from.key), source: `default quota of ${from.key} in ${source}`} : undefined));
		}
	}
}

/** The value as the answer's type, or why it does not fit. */
function asAnswer(spec: AnswerSpec, from: FromHost, value: unknown): {readonly value: AnswerValue} | {readonly misfit: string} {
	if (from.contains !== undefined) {
		return Array.isArray(value) ? {value: value.includes(from.contains)} : {misfit: `${JSON.stringify(value)} is not a list`};
	}

	if (spec.type === 'list') {
		return Array.isArray(value) && value.every(item => typeof item === 'string') ? {value: value as string[]} : {misfit: `${JSON.stringify(value)} is not a list of strings`};
	}

	if (spec.type === 'boolean') {
		return typeof value === 'boolean' ? {value} : {misfit: `${JSON.stringify(value)} is not True or False`};
	}

	return typeof value === 'string' ? {value: value.trim()} : {misfit: `${JSON.stringify(value)} is not a string`};
}

/** Every answer with `fromHost`, read from each host of its roles (pure: the readings are already taken). */
export function hostValuesFrom(reading: DeploymentReading, inventory: Inventory, specs: readonly AnswerSpec[] = answerSpecs): HostValues {
	const observations: HostObservation[] = [];
	const problems: HostValueProblem[] = [];
	for (const spec of specs) {
		const from = spec.fromHost;
		if (from === undefined) {
			continue;
		}

		const hosts = [...new Map(from.roles.flatMap(role => hostOf(inventory, role) ?? []).map(host => [host.id, host])).values()];
		for (const host of hosts) {
			const result = found(reading, from, host);
			if (result === undefined) {
				continue;
			}

			if ('problem' in result) {
				problems.push({key: spec.key, host: host.id, problem: result.problem});
				continue;
			}

			const answer = asAnswer(spec, from, result.value);
			if ('misfit' in answer) {
				problems.push({key: spec.key, host: host.id, problem: `${result.source}: ${answer.misfit}`});
			} else {
				observations.push({key: spec.key, host: host.id, value: answer.value, source: result.source});
			}
		}
	}

	return {observations, problems};
}
