import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import type {Host} from '../domain/inventory-types.js';
import {fanOut} from '../executors/fan-out.js';
import {createSshExecutor} from '../executors/ssh/create-ssh-executor.js';
import {createExecutorPool} from '../runner/executor-pool.js';

/** What the fan-out bench hands its child process (as one JSON argument). */
export interface FanOutChildInput {
	readonly dir: string;
	readonly port: number;
	readonly clientKey: string;
	readonly knownHosts: string;
	readonly addresses: readonly string[];
	readonly parallel: number;
	readonly command: string;
}

/** What the child prints (one JSON line): wall time and CPU time of the fan-out, its own peak RSS, the hosts that failed. */
export interface FanOutChildOutput {
	readonly seconds: number;
	readonly cpuSeconds: number;
	readonly maxRssKb: number;
	readonly failed: readonly string[];
}

/**
 * Runs in a process of its own, so that its peak RSS is the fan-out's alone: one executor per host
 * from the runner's executor pool (connections stay open until the end, as in a run), `command` on
 * every host through the executors' fanOut at most `parallel` at once.
 */
async function main(input: FanOutChildInput): Promise<FanOutChildOutput> {
	const config = join(input.dir, 'fanout_ssh_config');
	writeFileSync(config, `Host *\n  IdentityFile ${input.clientKey}\n`);
	const pool = createExecutorPool(host => createSshExecutor(host, {knownHostsPath: input.knownHosts, sshConfigPath: config, homeDir: join(input.dir, 'home'), agentSocket: null}));
	const hosts: Host[] = input.addresses.map(address => ({id: address, label: address, sudo: false, target: {kind: 'ssh', user: 'root', host: address, port: input.port}}));
	try {
		const start = performance.now();
		const cpuBefore = process.cpuUsage();
		const results = await fanOut(hosts, input.parallel, async host => pool.get(host).run(input.command));
		const seconds = (performance.now() - start) / 1000;
		const cpu = process.cpuUsage(cpuBefore);
		const failed = results.filter(each => each.error !== undefined || each.result?.exitCode !== 0).map(each => `${each.item.id}: ${each.error === undefined ? `exit ${each.result?.exitCode}` : String(each.error)}`);
		return {seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssKb: process.resourceUsage().maxRSS, failed};
	} finally {
		await pool.dispose();
	}
}

const output = await main(JSON.parse(process.argv[2]!) as FanOutChildInput);
process.stdout.write(`${JSON.stringify(output)}\n`);
