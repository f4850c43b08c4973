import {loadState} from '../state.js';
import type {Backend, IpolicySpec} from '../state-types.js';
import type {ShimContext} from './context.js';

export const specKeys = ['cpu-count', 'disk-count', 'disk-size', 'memory-size', 'nic-count', 'spindle-use'] as const;
/** The order Ganeti happened to list missing parameters in (real-hosts §2). */
const missingOrder = ['spindle-use', 'disk-count', 'disk-size', 'memory-size', 'cpu-count', 'nic-count'] as const;

export const formatSpec = (spec: IpolicySpec) => specKeys.map(key => `${key}=${spec[key]}`).join(',');

/** Ganeti's one-line OpPrereqError report (real-hosts §2). */
export const failure = (details: string) => `Failure: prerequisites not met for this operation: error type: wrong_input, error details: ${details}\n`;

/** The backend whose master is this host; prints Ganeti's message and returns undefined elsewhere. */
export function masterBackend(context: ShimContext): Backend | undefined {
	const state = loadState(context.sandbox);
	const backend = state.backends.find(candidate => candidate.master === context.host);
	if (backend) {
		return backend;
	}

	const member = state.backends.find(candidate => candidate.nodes.includes(context.host));
	context.err(member ? `This is not the master node, please connect to node '${member.master}' and rerun the command\n` : 'Cannot read the cluster configuration: ganeti is not installed on this host\n');
	return undefined;
}

/** Parses `k=v,...`; throws a Ganeti error text when a key is unknown or, with `complete`, one is missing. */
export function parseSpec(text: string, label: string, complete: boolean): Partial<IpolicySpec> {
	const spec: Partial<Record<string, number>> = {};
	for (const pair of text.split(',').filter(Boolean)) {
		const [key = '', value = ''] = pair.split('=');
		if (!(specKeys as readonly string[]).includes(key) || !/^\d+$/.test(value)) {
			throw new Error(failure(`Invalid ipolicy parameter '${pair}' in spec ${label}`));
		}

		spec[key] = Number(value);
	}

	const missing = missingOrder.filter(key => spec[key] === undefined);
	if (complete && missing.length > 0) {
		throw new Error(failure(`Missing parameters in ipolicy spec ${label}: ${missing.join(', ')}`));
	}

	return spec as Partial<IpolicySpec>;
}

/** `min:k=v,.../max:k=v,...` (only the first min/max pair is used, as with one pair in Ganeti 2.8). */
export function parseBounds(text: string): {min: IpolicySpec; max: IpolicySpec} {
	const first = text.split('//')[0]!;
	const parts = Object.fromEntries(first.split('/').map(part => {
		const colon = part.indexOf(':');
		return [part.slice(0, colon), part.slice(colon + 1)];
	}));
	if (parts['min'] === undefined || parts['max'] === undefined) {
		throw new Error(failure('Invalid format of ipolicy bounds specs: need both min and max'));
	}

	return {min: parseSpec(parts['min'], 'min', true) as IpolicySpec, max: parseSpec(parts['max'], 'max', true) as IpolicySpec};
}
