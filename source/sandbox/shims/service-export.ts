import {resources14, serviceDefinitions} from '../resource-catalogue.js';
import {loadState} from '../state.js';
import {releaseOf} from '../versions.js';
import type {ShimContext} from './context.js';
import {pythonJson} from './table.js';

/** The definitions snf-service-export prints for a component: 0.15 ones, or the 0.14 subset while Astakos is 0.14. */
export function exportDefinitions(context: ShimContext, component: string, baseUrl: string) {
	const definitions = serviceDefinitions(component, baseUrl);
	if (!definitions || releaseOf(loadState(context.sandbox), context.host, 'snf-astakos-app') === '0.15') {
		return definitions;
	}

	const known = new Set(resources14().map(resource => resource.name));
	const old = Object.entries(definitions).filter(([name]) => !['cyclades_network', 'astakos_oauth2', 'cyclades_admin'].includes(name));
	return Object.fromEntries(old.map(([name, service]) => [name, {...service, resources: Object.fromEntries(Object.entries(service.resources ?? {}).filter(([, resource]) => known.has(resource.name)))}]));
}

/** snf-service-export <component> <base URL> (console script of snf-astakos-app). */
export default async function serviceExport(context: ShimContext): Promise<number> {
	if (!releaseOf(loadState(context.sandbox), context.host, 'snf-astakos-app')) {
		context.err('sh: 1: snf-service-export: not found\n');
		return 127;
	}

	const [component, baseUrl] = context.args;
	if (!component || !baseUrl) {
		context.err('Usage: snf-service-export [options] <component> <base_url>\n\nsnf-service-export: error: Wrong number of arguments.\n');
		return 2;
	}

	const definitions = exportDefinitions(context, component, baseUrl);
	if (!definitions) {
		context.err(`Unrecognized component ${component}.\n`);
		return 1;
	}

	context.out(pythonJson(definitions) + '\n');
	return 0;
}
