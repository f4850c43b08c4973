import {execFile} from 'node:child_process';
import {writeFileSync} from 'node:fs';
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
 * One real sshd reached as 256 distinct hosts: `sleep 1` on each, at most 64 at once, in a child
 * process whose peak RSS is the fan-out's (the executor pool and fanOut the runner uses).
 */
const fleetFanOutBench: BenchModule = async emit => {
	const sshd = await startSshd({wholeLoopback: true, maxStartups: `${hostCount + 10}:30:${2 * hostCount}`, maxSessions: hostCount});
	try {
		const addresses = loopbackAddresses(hostCount);
		const knownHosts = join(sshd.dir, 'fleet_known_hosts');
		writeFileSync(knownHosts, addresses.map(address => `[${address}]:${sshd.port} ${sshd.hostPublicKey}\n`).join(''));
		const input: FanOutChildInput = {dir: sshd.dir, port: sshd.port, clientKey: sshd.clientKey, knownHosts, addresses, parallel, command: 'sleep 1'};
		const child = fileURLToPath(new URL('fanout-child.js', import.meta.url));
		const {stdout} = await execFileAsync(process.execPath, [child, JSON.stringify(input)], {maxBuffer: 16 * 1024 * 1024});
		const output = JSON.parse(stdout) as FanOutChildOutput;
		if (output.failed.length > 0) {
			throw new Error(`sleep 1 failed on ${output.failed.length} of ${hostCount} hosts: ${output.failed.slice(0, 5).join('; ')}`);
		}

		emit({name: `fanout-${hostCount}x-sleep1`, value: round(output.seconds, 3), unit: 's', target: '<= 5'});
		// How much of the wall time is snf-upgrade's own work (the rest: sshd's per-connection forks, the machine's load).
		emit({name: `fanout-${hostCount}-cpu-s`, value: round(output.cpuSeconds, 2), unit: 's', target: null});
		emit({name: `fanout-${hostCount}-rss-mb`, value: round(output.maxRssKb / 1024, 1), unit: 'MB', target: '<= 250'});
	} finally {
		await sshd.stop();
	}
};

export default fleetFanOutBench;
