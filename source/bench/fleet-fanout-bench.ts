import {execFile} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {availableParallelism, loadavg} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {round} from './bench-types.js';
import type {BenchModule} from './bench-types.js';
import type {FanOutChildInput, FanOutChildOutput} from './fanout-child.js';
import {startSshd} from './sshd-launcher.js';

const execFileAsync = promisify(execFile);
const hostCount = 256;
const parallel = 64;

/** 127.0.0.2 … 127.0.1.1: `count` loopback addresses, each a distinct host to the executors. */
export function loopbackAddresses(count: number): string[] {
	return Array.from({length: count}, (_, index) => {
		const n = index + 2;
		return `127.0.${n >> 8}.${n & 255}`;
	});
}

/**
 * One real sshd reached as 256 distinct hosts, through the path of `run --yes` in a child process whose
 * peak RSS is the fan-out's: the preflight opens one connection per host (the cold connect, its own
 * figures), the deployment lock is taken and released on every host over them, then one changing step runs
 * `sleep 1` on every host over those open connections, at most 64 at once (runPlan with journal,
 * transcript and line printer), which is what an admin's fan-out step costs.
 */
const fleetFanOutBench: BenchModule = async emit => {
	const sshd = await startSshd({wholeLoopback: true, maxStartups: `${hostCount + 10}:30:${2 * hostCount}`, maxSessions: hostCount});
	try {
		const addresses = loopbackAddresses(hostCount);
		const knownHosts = join(sshd.dir, 'fleet_known_hosts');
		writeFileSync(knownHosts, addresses.map(address => `[${address}]:${sshd.port} ${sshd.hostPublicKey}\n`).join(''));
		const input: FanOutChildInput = {dir: sshd.dir, port: sshd.port, clientKey: sshd.clientKey, knownHosts, addresses, parallel, argv: ['sleep', '1'], sshdPid: sshd.pid};
		const child = fileURLToPath(new URL('fanout-child.js', import.meta.url));
		const {stdout} = await execFileAsync(process.execPath, [child, JSON.stringify(input)], {maxBuffer: 16 * 1024 * 1024});
		const {connect, lock, step, maxRssKb, failed} = JSON.parse(stdout) as FanOutChildOutput;
		if (failed.length > 0) {
			throw new Error(`the fan-out failed on ${failed.length} of ${hostCount} hosts: ${failed.slice(0, 5).join('; ')}`);
		}

		const load = `load ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;
		emit({name: `fanout-${hostCount}x-sleep1`, value: round(step.seconds, 3), unit: 's', target: '<= 5', note: `a run --yes step (runPlan: journal, transcript, registration) running sleep 1 on ${hostCount} hosts, ${parallel} at once, over the connections the preflight opened (floor ${Math.ceil(hostCount / parallel)} s); ${load}`});
		emit({name: `fanout-${hostCount}-cpu-s`, value: round(step.cpuSeconds, 2), unit: 's', target: null, note: 'snf-upgrade\'s CPU during that step'});
		emit({name: `fanout-${hostCount}-sshd-cpu-s`, value: round(step.sshdCpuSeconds, 2), unit: 's', target: null, note: 'sshd\'s CPU (its process tree: sessions, shells) during that step'});
		emit({name: `fanout-${hostCount}-connect-s`, value: round(connect.seconds, 3), unit: 's', target: null, note: `the preflight's cold connect of ${hostCount} hosts, ${parallel} at once (TCP, key exchange, host key check, public-key auth, one command each); ${load}`});
		emit({name: `fanout-${hostCount}-connect-cpu-s`, value: round(connect.cpuSeconds, 2), unit: 's', target: null, note: 'snf-upgrade\'s CPU during the cold connect'});
		emit({name: `fanout-${hostCount}-connect-sshd-cpu-s`, value: round(connect.sshdCpuSeconds, 2), unit: 's', target: null, note: 'sshd\'s CPU during the cold connect'});
		emit({name: `fanout-${hostCount}-lock-s`, value: round(lock.seconds, 3), unit: 's', target: null, note: `the deployment lock taken (the first host alone, then ${parallel} at once) and released on ${hostCount} hosts over the open connections, as run --yes does after its preflight; ${load}`});
		emit({name: `fanout-${hostCount}-rss-mb`, value: round(maxRssKb / 1024, 1), unit: 'MB', target: '<= 250', note: `peak RSS of the process holding ${hostCount} connections through connect and step`});
	} finally {
		await sshd.stop();
	}
};

export default fleetFanOutBench;
