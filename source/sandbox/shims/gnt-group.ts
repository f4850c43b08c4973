import {updateState} from '../state.js';
import type {Backend, IpolicySpec} from '../state-types.js';
import type {ShimContext} from './context.js';
import {failure, masterBackend, parseBounds, specKeys} from './ganeti.js';

/** One group as Ganeti's `gnt-group info` prints it (PrintGenericInfo; FormatPolicyInfo: own values plain, inherited `default (N)`). */
function groupInfo(backend: Backend, group: Backend['groups'][number]): string {
	const bounds = group.bounds ?? {min: backend.ipolicy.min, max: backend.ipolicy.max};
	const value = (spec: IpolicySpec, key: (typeof specKeys)[number]) => (group.bounds ? String(spec[key]) : `default (${spec[key]})`);
	const spec = (spec: IpolicySpec) => specKeys.map(key => `          ${key}: ${value(spec, key)}`);
	return [
		`- Node group: ${group.name}`,
		'  Node parameters: ',
		'    spindle_count: default (1)',
		'    ssh_port: default (22)',
		'  Disk parameters: ',
		'    plain: ',
		'      stripes: default (1)',
		'  Instance policy: ',
		'    bounds specs: ',
		'      - max/0: ',
		...spec(bounds.max),
		'        min/0: ',
		...spec(bounds.min),
		`    allowed disk templates: default (${backend.ipolicy.diskTemplates.join(', ')})`,
		'    spindle-ratio: default (32)',
		'    vcpu-ratio: default (4)',
	].join('\n');
}

/** gnt-group on a Ganeti master: info [GROUP…], list, modify --ipolicy-bounds-specs SPECS [--] GROUP (Ganeti ≥ 2.8). */
export default async function gntGroup(context: ShimContext): Promise<number> {
	const backend = masterBackend(context);
	if (!backend) {
		return 1;
	}

	const [command, ...args] = context.args;
	if (command === 'info' || command === 'list') {
		const names = args.filter(arg => !arg.startsWith('-'));
		const unknown = names.find(name => !backend.groups.some(group => group.name === name));
		if (unknown !== undefined) {
			context.err(`Failure: prerequisites not met for this operation:\nerror type: unknown_entity, error details:\nNode group '${unknown}' not known\n`);
			return 1;
		}

		const groups = backend.groups.filter(group => names.length === 0 || names.includes(group.name));
		context.out(command === 'info'
			? `${groups.map(group => groupInfo(backend, group)).join('\n')}\n`
			: `Group   Nodes Instances AllocPolicy NDParams\n${groups.map(group => `${group.name.padEnd(7)} ${String(backend.nodes.length).padStart(5)} ${' '.repeat(9)}0 preferred   spindle_count=1`).join('\n')}\n`);
		return 0;
	}

	if (command !== 'modify') {
		context.err('Usage: gnt-group {command} [options...]\n');
		return 1;
	}

	const rest = [...args];
	let specs: string | undefined;
	const positional: string[] = [];
	while (rest.length > 0) {
		const arg = rest.shift()!;
		if (arg === '--') {
			positional.push(...rest.splice(0));
		} else if (arg.startsWith('--ipolicy-bounds-specs')) {
			specs = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest.shift();
		} else {
			positional.push(arg);
		}
	}

	try {
		return updateState(context.sandbox, state => {
			const target = state.backends.find(candidate => candidate.id === backend.id)!.groups.find(group => group.name === positional[0]);
			if (positional.length !== 1 || target === undefined) {
				throw new Error(failure(`Node group '${positional[0] ?? ''}' not known`));
			}

			if (specs !== undefined) {
				target.bounds = parseBounds(specs);
			}

			return 0;
		});
	} catch (error) {
		context.err((error as Error).message);
		return 1;
	}
}
