import {floatingIpPools as floatingIpPoolsCheck} from '../parsers/checks.js';
import type {StepDefinition} from '../plan-types.js';
import {argv, command, probe, snfManage, tool} from './builders.js';

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
		const script = tool(ctx, host, 'update_to_floating_ips');
		if (ctx.text('convertPublicIps') === 'all') {
			return [command(host, argv(script))];
		}

		return ctx.list('floatingIpPoolNetworks').map(network => command(host, argv(script, `--network-id=${network}`)));
	},
};
