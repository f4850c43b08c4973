import type {CommandOutput, Verdict} from '../action-types.js';
import type {Host} from '../inventory-types.js';
import {missingNodeLinks, type NodeLink} from '../parsers/network-checks.js';
import {parseSnfManageJson} from '../parsers/snf-manage-json.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {shellQuote} from '../shell-quote.js';
import {argv, cannotTell, command, fact, failedRun, ganetiNodes, parsedVerdict, probe, verdict} from './builders.js';

const factKey = 'public-network-links';
const linksCommand = ['network-list', '--public', '-o', 'id,name,mode,link', '--output-format=json'] as const;

/** The links the nodes need, from `network-list --public -o id,name,mode,link` (the same on 0.14.10 and 0.15); other modes are named apart. */
export function publicLinks(networksJson: string): {links: NodeLink[]; unchecked: string[]} {
	const links = new Map<string, {kind: NodeLink['kind']; link: string; networks: string[]}>();
	const unchecked: string[] = [];
	for (const row of parseSnfManageJson(networksJson, 'network-list')) {
		const mode = row['mode'] ?? '';
		const link = row['link'] ?? '';
		const kind = mode === 'bridged' ? 'bridge' : (mode === 'routed' ? 'routing-table' : undefined);
		if (kind === undefined || !/^[\w.:-]+$/.test(link)) {
			unchecked.push(`network ${row['id'] ?? '?'} (mode ${mode || 'none'}, link ${link || 'none'})`);
			continue;
		}

		const entry = links.get(`${kind} ${link}`) ?? {kind, link, networks: []};
		entry.networks.push(row['id'] ?? '?');
		links.set(`${kind} ${link}`, entry);
	}

	return {links: [...links.values()], unchecked};
}

/** One `present|missing <kind> <link>` line per link: a bridge is /sys/class/net/<link>/bridge, a routing table a name in rt_tables. */
function linkScript(ctx: PlanContext, host: Host, links: readonly NodeLink[]): string {
	const tables = ctx.path(host, '/etc/iproute2/rt_tables');
	if (links.length === 0) {
		return 'true';
	}

	return links.map(({kind, link}) => {
		const test = kind === 'bridge'
			? `[ -d ${shellQuote(ctx.path(host, `/sys/class/net/${link}/bridge`))} ]`
			: `awk -v t=${shellQuote(link)} '$1 !~ /^#/ && $2 == t {found = 1} END {exit !found}' ${shellQuote(tables)} 2>/dev/null`;
		return `if ${test}; then echo ${shellQuote(`present ${kind} ${link}`)}; else echo ${shellQuote(`missing ${kind} ${link}`)}; fi`;
	}).join('; ');
}

function linksVerdict(output: CommandOutput, links: readonly NodeLink[]): Verdict {
	return failedRun(output) ?? parsedVerdict(() => {
		const missing = missingNodeLinks(output.stdout, links);
		return missing.length === 0
			? verdict(true, `has ${links.map(link => `${link.kind} ${link.link}`).join(', ')}`)
			: verdict(false, `missing ${missing.map(link => `${link.kind} ${link.link} (network ${link.networks.join(', ')})`).join('; ')}`);
	});
}

function readLinks(ctx: PlanContext): {links: NodeLink[]; unchecked: string[]} | string {
	const output = ctx.fact(factKey);
	if (output === undefined) {
		return ctx.missing(factKey);
	}

	try {
		return publicLinks(output);
	} catch (error) {
		return `could not read the public networks: ${(error as Error).message}`;
	}
}

export const backendNetworkConfig: StepDefinition = {
	id: 'backend-network-config',
	section: 'pre-upgrade',
	title: 'Check that every Ganeti node can carry every public network',
	why: 'v0.15 puts every public network in every backend, so every node of every backend needs the link of every public network: the bridge of a bridged network, the routing table of a routed one. Only read here: the networks are created in the other backends once v0.15 is installed (section 3).',
	notes: [
		'The runbook says to extend the public networks to all backends before the upgrade, but `network-modify --add-to-backend` does not exist in v0.14.10 (facts §3.9): this step only checks the nodes and reports what is missing, and section 3 creates the networks.',
		'Read-only: a missing bridge or routing table stops the run here, before anything changed; set it up on the node (as snf-network and nfdhcpd expect) and run again.',
	],
	rerunSafe: true,
	facts: ctx => [fact(factKey, ctx.inventory.cyclades, argv('snf-manage', ...linksCommand), 'the mode and link of every public network')],
	actions(ctx) {
		const read = readLinks(ctx);
		return ganetiNodes(ctx).map(host => {
			if (typeof read === 'string') {
				// Never a silent pass: without the network list there is nothing to check against.
				return command(host, argv('true'), {
					mutates: false,
					asRoot: false,
					note: `checks the bridge or routing table of every public network (${read}, read when the step runs)`,
					check: () => cannotTell(`cannot check the node without the public networks: ${read}`),
				});
			}

			const note = read.unchecked.length > 0 ? `not checked (neither bridged nor routed): ${read.unchecked.join('; ')}: check by hand` : undefined;
			return command(host, {pipeline: [{script: linkScript(ctx, host, read.links)}]}, {
				mutates: false,
				asRoot: false,
				check: output => linksVerdict(output, read.links),
				...(note === undefined ? {} : {note}),
			});
		});
	},
	probes(ctx) {
		const read = readLinks(ctx);
		return ganetiNodes(ctx).map(host => (typeof read === 'string'
			? probe(host, argv('true'), 'the node has the link of every public network', () => cannotTell('the public networks have not been read'), false)
			: probe(host, {pipeline: [{script: linkScript(ctx, host, read.links)}]}, 'the node has the link of every public network', output => linksVerdict(output, read.links), false)));
	},
};
