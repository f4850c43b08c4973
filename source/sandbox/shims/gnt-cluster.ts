import {updateState} from '../state.js';
import type {ShimContext} from './context.js';
import {failure, formatSpec, masterBackend, parseBounds, parseSpec, specKeys} from './ganeti.js';
import type {Backend} from '../state-types.js';

function info(backend: Backend): string {
	const {ipolicy} = backend;
	const spec = (indent: string, values: Backend['ipolicy']['min']) => specKeys.map(key => `${indent}${key}: ${values[key]}`).join('\n');
	return [
		`Cluster name: ${backend.clustername}`,
		`Master node: ${backend.master}`,
		'Default hypervisor: kvm',
		'Cluster parameters:',
		`  enabled disk templates: ${backend.enabledDiskTemplates.join(', ')}`,
		'Instance policy - limits for instances:',
		'  bounds specs:',
		'    - max/0:',
		spec('        ', ipolicy.max),
		'      min/0:',
		spec('        ', ipolicy.min),
		'  std:',
		spec('    ', ipolicy.std),
		`  allowed disk templates: ${ipolicy.diskTemplates.join(', ')}`,
		'  vcpu-ratio: 4',
		'  spindle-ratio: 32',
	].join('\n') + '\n';
}

/** gnt-cluster on a Ganeti master: show-ispecs-cmd, info, getmaster, modify (ipolicy options) (facts §5). */
export default async function gntCluster(context: ShimContext): Promise<number> {
	const backend = masterBackend(context);
	if (!backend) {
		return 1;
	}

	const [command, ...args] = context.args;
	if (command === '--version') {
		// Ganeti's cli: binary, (ganeti <VCS version>), release version.
		context.out('gnt-cluster (ganeti v2.8.4) 2.8.4\n');
		return 0;
	}

	if (command === 'show-ispecs-cmd') {
		const {ipolicy} = backend;
		context.out(`gnt-cluster init --ipolicy-std-specs ${formatSpec(ipolicy.std)} --ipolicy-bounds-specs min:${formatSpec(ipolicy.min)}/max:${formatSpec(ipolicy.max)} ${backend.clustername}\n`);
		return 0;
	}

	if (command === 'info') {
		context.out(info(backend));
		return 0;
	}

	if (command === 'getmaster') {
		context.out(`${backend.master}\n`);
		return 0;
	}

	if (command !== 'modify') {
		context.err(`Usage: gnt-cluster {command} [options...]\n`);
		return 1;
	}

	const values = new Map<string, string>();
	for (let index = 0; index < args.length; index++) {
		const arg = args[index]!;
		const equals = arg.indexOf('=');
		if (arg.startsWith('--') && equals !== -1) {
			values.set(arg.slice(0, equals), arg.slice(equals + 1));
		} else if (arg.startsWith('--')) {
			values.set(arg, args[++index] ?? '');
		}
	}

	try {
		return updateState(context.sandbox, state => {
			const target = state.backends.find(candidate => candidate.id === backend.id)!;
			const bounds = values.get('--ipolicy-bounds-specs');
			const std = values.get('--ipolicy-std-specs');
			const templates = values.get('--ipolicy-disk-templates');
			const enabled = values.get('--enabled-disk-templates');
			if (enabled !== undefined) {
				target.enabledDiskTemplates = enabled.split(',');
			}

			if (bounds !== undefined) {
				Object.assign(target.ipolicy, parseBounds(bounds));
			}

			if (std !== undefined) {
				Object.assign(target.ipolicy.std, parseSpec(std, 'std', false));
			}

			for (const key of specKeys) {
				const {min, max, std: standard} = target.ipolicy;
				if (standard[key] < min[key] || standard[key] > max[key]) {
					throw new Error(failure(`Invalid instance policy: ${key} value ${standard[key]} not in range [${min[key]}, ${max[key]}]`));
				}
			}

			if (templates !== undefined) {
				const allowed = templates.split(',');
				const missing = allowed.filter(template => !target.enabledDiskTemplates.includes(template));
				if (missing.length > 0) {
					throw new Error(failure(`The following disk templates are allowed by the ipolicy, but not enabled on the cluster: ${missing.join(', ')}`));
				}

				target.ipolicy.diskTemplates = allowed;
			}

			return 0;
		});
	} catch (error) {
		context.err((error as Error).message);
		return 1;
	}
}
