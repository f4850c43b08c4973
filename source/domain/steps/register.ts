import type {Action, CommandOutput, PromptRule, Verdict} from '../action-types.js';
import {resourcesPresent} from '../parsers/checks.js';
import {parseSnfManageJson} from '../parsers/snf-manage-json.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {argv, command, literal, parsedVerdict, pipeline, probe, promptRule, snfManage, verdict} from './builders.js';

export const components = ['astakos', 'cyclades', 'pithos'] as const;
type Component = (typeof components)[number];

const urls = (ctx: PlanContext, component: Component) => ({
	base: ctx.text(`${component}ComponentBaseUrl`),
	ui: ctx.text(`${component}UiUrl`),
});

function directActions(ctx: PlanContext): Action[] {
	const host = ctx.inventory.astakos;
	return components.flatMap(component => {
		const {base, ui} = urls(ctx, component);
		return [
			snfManage(host, ['component-modify', component, '--base-url', base, '--ui-url', ui, '--purge-services']),
			command(host, pipeline({argv: ['snf-service-export', component, base]}, {argv: ['snf-manage', 'service-import', '--json', '-']}), {
				note: `registers ${component}'s services and resources`,
			}),
		];
	});
}

/**
 * The questions snf-component-register asks for a registered component (facts §3.5). The URL prompts
 * are the same for all three components; the line printed just before each one names the component
 * ("Give the URL of cyclades base installation (e.g. …)"), so each rule matches that line too.
 */
export function componentRegisterRules(ctx: PlanContext): PromptRule[] {
	return [
		promptRule(literal('Re-register (y/n)? '), 'y', 'snf-component-register: re-register a registered component'),
		...components.flatMap(component => {
			const {base, ui} = urls(ctx, component);
			return [
				promptRule(`Give the URL of ${component} base installation[^\\n]*\\r?\\n${literal('Base URL: ')}`, base, `base URL of ${component}`),
				promptRule(`Give the URL of the ${component} UI[^\\n]*\\r?\\n${literal('UI URL: ')}`, ui, `UI URL of ${component}`),
				promptRule(literal(`Register ${component} with the given URLs (y/n)? `), 'y', `confirm the URLs of ${component}`),
			];
		}),
	];
}

function baseUrlsSet(output: CommandOutput): Verdict {
	return parsedVerdict(() => {
		const rows = parseSnfManageJson(output.stdout, 'component-list');
		const unset = components.filter(component => {
			const row = rows.find(candidate => candidate['name'] === component);
			return row === undefined || row['base_url'] === undefined || row['base_url'] === 'None' || row['base_url'] === '';
		});
		return unset.length === 0 ? verdict(true, 'astakos, cyclades and pithos have a base URL') : verdict(false, `no base URL yet: ${unset.join(', ')}`);
	});
}

export const registerComponents: StepDefinition = {
	id: 'register-components',
	section: 'register',
	title: 'Re-register the Astakos, Cyclades and Pithos components',
	why: 'v0.15 changes the service and resource definitions (new cyclades.total_cpu, cyclades.total_ram, cyclades.floating_ip) and adds a base URL to each component; every component is registered again with its base and UI URL.',
	notes: [
		"componentRegistration 'direct' runs the two commands snf-component-register runs for a registered component: component-modify … --purge-services, then snf-service-export | snf-manage service-import --json - (facts §3.5). 'script' runs snf-component-register and answers its questions.",
		'The base URL of a component registered under v0.14 is its UI URL without the trailing /ui (`snf-manage component-list -o name,ui_url`).',
		'cyclades.cpu and cyclades.ram now count only VMs that are not shut down; cyclades.total_cpu and cyclades.total_ram count all of them.',
	],
	actions(ctx) {
		if (ctx.text('componentRegistration') === 'script') {
			return [
				command(ctx.inventory.astakos, argv('snf-component-register'), {
					prompts: componentRegisterRules(ctx),
					note: 'the script asks about each component in turn (astakos, cyclades, pithos); an unexpected question (e.g. a component that is not registered yet) is shown to you',
				}),
			];
		}

		return directActions(ctx);
	},
	probes: ctx => [
		probe(
			ctx.inventory.astakos,
			argv('snf-manage', 'resource-list', '-o', 'name', '--output-format=json'),
			'cyclades.total_cpu, cyclades.total_ram and cyclades.floating_ip are registered',
			resourcesPresent(['cyclades.total_cpu', 'cyclades.total_ram', 'cyclades.floating_ip']),
		),
		probe(ctx.inventory.astakos, argv('snf-manage', 'component-list', '-o', 'name,base_url', '--output-format=json'), 'every component has a base URL', baseUrlsSet),
	],
};
