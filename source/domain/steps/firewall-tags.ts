import type {Action, CommandOutput, EditAction, Verdict} from '../action-types.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {settingText} from '../parsers/settings-in-force.js';
import {settingsInForceShell} from '../parsers/settings-program.js';
import {printable} from '../printable.js';
import {command, cycladesApiConf, edit, fact, grepSettingsFiles, probe, settingsFile, verdict} from './builders.js';
import {settingsInForceVerdict} from './settings-probe.js';

const factKey = 'firewall-tags';
/** The three settings and their v0.15 defaults (facts §1.1). */
const tags = [
	['GANETI_FIREWALL_ENABLED_TAG', 'synnefo:network:%s:protected'],
	['GANETI_FIREWALL_DISABLED_TAG', 'synnefo:network:%s:unprotected'],
	['GANETI_FIREWALL_PROTECTED_TAG', 'synnefo:network:%s:limited'],
] as const;
const tagNames = tags.map(([name]) => name);

/** Every live (uncommented) assignment of a firewall tag setting in the host's *.conf files, as `file:line` (grep -H; none matching is an empty answer, no *.conf at all fails). */
const grepShell = (ctx: PlanContext) =>
	grepSettingsFiles(ctx.path(ctx.inventory.cyclades, ctx.text('settingsDir')), '-H', `^[[:space:]]*(${tagNames.join('|')})[[:space:]]*=`);

export interface OldTag {
	readonly file: string;
	readonly name: string;
	/** The value with `:0:` replaced by `:%s:`; undefined when the line is not a plain string literal. */
	readonly fixed?: string;
	readonly line: string;
}

/** The live overrides that still use the 0.14 `:0:` form, from the grep -H output. */
export function oldFirewallTags(grepOutput: string): OldTag[] {
	return grepOutput.split('\n').flatMap((raw): OldTag[] => {
		const located = /^(.*?\.conf):(.*)$/.exec(raw);
		if (located === null) {
			return [];
		}

		const [, file = '', line = ''] = located;
		const assignment = /^\s*(GANETI_FIREWALL_[A-Z]+_TAG)\s*=\s*(.*?)\s*$/.exec(line);
		if (assignment === null || !assignment[2]!.includes(':0:')) {
			return [];
		}

		const name = assignment[1]!;
		const literal = /^u?(['"])([^'"\\]*)\1\s*(#.*)?$/.exec(assignment[2]!);
		return [{file, name, line: line.trim(), ...(literal === null ? {} : {fixed: literal[2]!.replace(':0:', ':%s:')})}];
	});
}

/**
 * The three tags as Synnefo reads them (every *.conf run in one namespace): done when no value in force
 * has the 0.14 `:0:` form; a missing settings directory or a file that does not run cannot tell.
 */
function tagsVerdict(output: CommandOutput): Verdict {
	return settingsInForceVerdict(output, settings => {
		const old = tagNames.flatMap(name => {
			const value = settingText(settings, name);
			return value?.includes(':0:') ? [`${name} = ${printable(JSON.stringify(value))} (set in ${printable(settings.get(name)!.file)})`] : [];
		});
		const overridden = tagNames.filter(name => settings.has(name)).length;
		return old.length === 0
			? verdict(true, `no firewall tag in force uses the old :0: form (${overridden} of 3 overridden, the rest at the v0.15 defaults)`)
			: verdict(false, `still in force with :0:: ${old.join('; ')}`);
	});
}

export const firewallTags: StepDefinition = {
	id: 'firewall-tags',
	section: 'auth-url',
	title: "Change old ':0:' firewall tag overrides to the v0.15 '%s' form",
	why: "v0.15 tags a VM's firewall profile per NIC: GANETI_FIREWALL_ENABLED_TAG, _DISABLED_TAG and _PROTECTED_TAG need %s (filled with the NIC name), e.g. 'synnefo:network:%s:protected'. A setting still overridden with the 0.14 form 'synnefo:network:0:protected' must change.",
	notes: [
		'The runbook does not mention it; the facts do (§1.1, §8 warning 12). Only live overrides that contain :0: change; commented samples and other values stay as they are.',
	],
	facts: ctx => [fact(factKey, ctx.inventory.cyclades, grepShell(ctx), 'live firewall tag overrides in the Cyclades settings')],
	actions(ctx) {
		const host = ctx.inventory.cyclades;
		const output = ctx.fact(factKey);
		if (output === undefined) {
			ctx.missing(factKey);
			return [
				edit(host, settingsFile(ctx, host, cycladesApiConf), tags.map(([name, value]) => ({op: 'python-set' as const, name, value})), 'python',
					'only for each live override that still contains :0:, in the file that sets it (read when the step runs); nothing when there is none'),
			];
		}

		const old = oldFirewallTags(output);
		const unreadable = old.filter(tag => tag.fixed === undefined);
		if (unreadable.length > 0) {
			// Not a plain string literal: no safe rewrite. Stop here with the lines to change by hand.
			const detail = `change :0: to %s by hand in ${unreadable.map(tag => `${tag.line} (${tag.file})`).join('; ')}, then run the step again`;
			return [command(host, grepShell(ctx), {mutates: false, note: detail, check: () => verdict(false, detail)})];
		}

		const byFile = new Map<string, EditAction['edits'][number][]>();
		for (const tag of old) {
			byFile.set(tag.file, [...(byFile.get(tag.file) ?? []), {op: 'python-set', name: tag.name, value: tag.fixed!}]);
		}

		return [...byFile].map(([file, edits]): Action => edit(host, file, edits, 'python'));
	},
	probes: ctx => [
		probe(ctx.inventory.cyclades, settingsInForceShell(ctx.path(ctx.inventory.cyclades, ctx.text('settingsDir')), tagNames), 'no firewall tag in force uses the old :0: form', tagsVerdict),
	],
};
