import {floatingIpPools as floatingIpPoolsCheck} from '../parsers/checks.js';
import type {StepDefinition} from '../plan-types.js';
import type {CommandOutput, Verdict} from '../action-types.js';
import type {PlanContext} from '../plan-types.js';
import {shellQuote} from '../shell-quote.js';
import {allOutput, argv, cannotTell, command, failedRun, parsedVerdict, probe, snfManage, tool, verdict} from './builders.js';

export const floatingIpPools: StepDefinition = {
	id: 'floating-ip-pools',
	section: 'floating-ips',
	title: 'Make the chosen public networks floating IP pools',
	why: 'In v0.15 a VM connects to a public network only through a floating IP allocated from a network marked as a floating IP pool.',
	notes: ['Safe to run again: on a network that already is a pool it only makes sure the network exists on every backend that is not offline (facts §3.9).'],
	actions: ctx =>
		ctx.list('floatingIpPoolNetworks').map(network => snfManage(ctx.inventory.cyclades, ['network-modify', '--floating-ip-pool=True', '--', network])),
	probes: ctx => [
		probe(
			ctx.inventory.cyclades,
			argv('snf-manage', 'network-list', '--public', '-o', 'id,name,floating_ip_pool,backends', '--output-format=json'),
			`networks ${ctx.list('floatingIpPoolNetworks').join(', ')} are floating IP pools`,
			floatingIpPoolsCheck(ctx.list('floatingIpPoolNetworks')),
		),
	],
};

export const convertPublicIps: StepDefinition = {
	id: 'convert-public-ips',
	section: 'floating-ips',
	title: 'Convert the allocated public IPv4 addresses to floating IPs',
	why: 'Addresses allocated before v0.15 are not floating IPs: VMs keep them until destroyed. update_to_floating_ips converts them, so users can detach and reattach them.',
	notes: [
		"'all' converts every non-floating IPv4 address on ANY public network, not only on the pools; 'pools' runs once per pool network with --network-id (facts §3.10).",
		'Converted addresses count toward each user\'s cyclades.floating_ip usage: do not run `snf-manage enforce-resources-cyclades --fix` blindly afterwards, it detaches or removes IPs of users over quota (facts §8 warning 10).',
		'Re-running is safe (nothing is left to convert). It runs before reconcile-resources-cyclades.',
	],
	skipReason: ctx => (ctx.text('convertPublicIps') === 'none' ? "convertPublicIps is 'none': existing VMs keep their addresses until they are destroyed" : undefined),
	actions(ctx) {
		const host = ctx.inventory.cyclades;
		return conversionRuns(ctx).map(args => command(host, argv(tool(ctx, host, 'update_to_floating_ips'), ...args)));
	},
	probes(ctx) {
		const host = ctx.inventory.cyclades;
		const runs = conversionRuns(ctx);
		if (runs.length === 0) {
			return [];
		}

		const script = runs.map(args => [tool(ctx, host, 'update_to_floating_ips'), '--dry-run', ...args].map(word => shellQuote(word)).join(' ')).join(' && ');
		const what = runs.length === 1 && runs[0]!.length === 0 ? 'on any public network' : `on networks ${ctx.list('floatingIpPoolNetworks').join(', ')}`;
		return [probe(host, {pipeline: [{script}]}, `update_to_floating_ips --dry-run has no public IPv4 address left to convert ${what}`, nothingToConvert(runs.length))];
	},
};

/** The argument lists of the conversion: one run over every public network, or one per pool network. */
const conversionRuns = (ctx: PlanContext): string[][] =>
	ctx.text('convertPublicIps') === 'all' ? [[]] : ctx.list('floatingIpPoolNetworks').map(network => [`--network-id=${network}`]);

/**
 * Each dry run logs `[INFO] Converting <N> public IPv4 addresses to floating IPs.` on stderr (S15
 * snf-cyclades-app/synnefo/tools/update_to_floating_ips; facts §3.10): done when every run says 0.
 */
const nothingToConvert = (runs: number) => (output: CommandOutput): Verdict => parsedVerdict(() => {
	const failed = failedRun(output);
	if (failed) {
		return failed;
	}

	const counts = [...allOutput(output).matchAll(/^\[INFO\] Converting (\d+) public IPv4 addresses to floating IPs\.$/gm)].map(match => Number(match[1]));
	if (counts.length !== runs) {
		return cannotTell(`expected ${runs} "[INFO] Converting N public IPv4 addresses" line(s), found ${counts.length}`);
	}

	const left = counts.reduce((sum, count) => sum + count, 0);
	return verdict(left === 0, left === 0 ? 'no public IPv4 address left to convert' : `${left} public IPv4 address(es) not yet floating IPs`);
});
