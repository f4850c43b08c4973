import {execFile} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {promisify} from 'node:util';
import ssh2 from 'ssh2';
import type {Client} from 'ssh2';
import type {Host} from '../domain/inventory-types.js';
import type {Executor} from '../executors/executor.js';
import {createSshExecutor} from '../executors/ssh/create-ssh-executor.js';
import {median, round} from './bench-types.js';
import type {BenchModule} from './bench-types.js';
import {startSshd} from './sshd-launcher.js';
import type {Sshd} from './sshd-launcher.js';

const execFileAsync = promisify(execFile);
const commands = 100;
const rounds = 3;
const fanOutHosts = 16;

function executorFor(sshd: Sshd, id: string): Executor {
	const config = join(sshd.dir, 'bench_ssh_config');
	writeFileSync(config, `Host *\n  IdentityFile ${sshd.clientKey}\n`);
	const host: Host = {id, label: id, sudo: false, target: {kind: 'ssh', user: 'root', host: '127.0.0.1', port: sshd.port}};
	return createSshExecutor(host, {knownHostsPath: sshd.knownHosts, sshConfigPath: config, homeDir: join(sshd.dir, 'home'), agentSocket: null});
}

async function timeEach(count: number, run: () => Promise<void>): Promise<number[]> {
	const times: number[] = [];
	for (let index = 0; index < count; index++) {
		const start = performance.now();
		await run();
		times.push(performance.now() - start);
	}

	return times;
}

async function bareClient(sshd: Sshd): Promise<Client> {
	const client = new ssh2.Client();
	await new Promise<void>((resolve, reject) => {
		client.once('ready', () => {
			client.setNoDelay(true);
			resolve();
		});
		client.once('error', reject);
		client.connect({host: '127.0.0.1', port: sshd.port, username: 'root', privateKey: readFileSync(sshd.clientKey)});
	});
	return client;
}

/** The floor: ssh2's exec on one connection, nothing else. */
async function bareTrue(client: Client): Promise<void> {
	return new Promise((resolve, reject) => {
		client.exec('true', (error, channel) => {
			if (error) {
				reject(error);
				return;
			}

			channel.on('close', () => {
				resolve();
			});
			channel.resume();
			channel.stderr.resume();
			channel.end();
		});
	});
}

function controlMasterArgs(sshd: Sshd): string[] {
	return [
		'-F', '/dev/null',
		'-o', 'ControlMaster=auto',
		'-o', `ControlPath=${join(sshd.dir, 'cm-%C')}`,
		'-o', 'ControlPersist=60',
		'-o', 'BatchMode=yes',
		'-o', `UserKnownHostsFile=${sshd.knownHosts}`,
		'-o', 'GlobalKnownHostsFile=/dev/null',
		'-o', 'StrictHostKeyChecking=yes',
		'-i', sshd.clientKey,
		'-p', String(sshd.port),
		'root@127.0.0.1',
	];
}

/**
 * 100 sequential `true` through our executor vs OpenSSH ControlMaster vs bare ssh2 (3 interleaved
 * rounds, medians over all commands), then 16 executors × `sleep 1` at once, all on one sshd.
 */
const sshBench: BenchModule = async emit => {
	const sshd = await startSshd();
	const executor = executorFor(sshd, 'bench');
	const floor = await bareClient(sshd);
	const cm = controlMasterArgs(sshd);
	try {
		await executor.run('true');
		await execFileAsync('ssh', [...cm, 'true']);
		const samples = {executor: [] as number[], floor: [] as number[], controlMaster: [] as number[]};
		const executorTrue = async (): Promise<void> => {
			const result = await executor.run('true');
			if (result.exitCode !== 0) {
				throw new Error(`true failed over SSH: ${JSON.stringify(result)}`);
			}
		};

		for (let round = 0; round < rounds; round++) {
			// Executor and floor alternate command by command, so load changes hit both alike.
			for (let index = 0; index < commands; index++) {
				const [first, second] = (index + round) % 2 === 0 ? ['floor', 'executor'] as const : ['executor', 'floor'] as const;
				for (const which of [first, second]) {
					samples[which].push(...await timeEach(1, which === 'floor' ? async () => bareTrue(floor) : executorTrue));
				}
			}

			samples.controlMaster.push(...await timeEach(commands, async () => {
				await execFileAsync('ssh', [...cm, 'true']);
			}));
		}

		const ms = {executor: median(samples.executor), floor: median(samples.floor), controlMaster: median(samples.controlMaster)};
		emit({name: 'ssh-executor-ms-per-cmd', value: round(ms.executor), unit: 'ms', target: null});
		emit({name: 'ssh2-floor-ms-per-cmd', value: round(ms.floor), unit: 'ms', target: null});
		emit({name: 'ssh-controlmaster-ms-per-cmd', value: round(ms.controlMaster), unit: 'ms', target: null});
		emit({name: 'ssh-executor-vs-floor', value: round(ms.executor / ms.floor), unit: 'x', target: '<= 1.2'});
		emit({name: 'ssh-executor-vs-controlmaster', value: round(ms.executor / ms.controlMaster), unit: 'x', target: null});

		const executors = Array.from({length: fanOutHosts}, (_, index) => executorFor(sshd, `fan${index}`));
		try {
			const start = performance.now();
			const results = await Promise.all(executors.map(async each => each.run('sleep 1')));
			const seconds = (performance.now() - start) / 1000;
			if (results.some(result => result.exitCode !== 0)) {
				throw new Error('sleep 1 failed on a fan-out host');
			}

			emit({name: 'fanout-16x-sleep1', value: round(seconds, 3), unit: 's', target: '<= 1.5'});
		} finally {
			await Promise.all(executors.map(async each => each.dispose()));
		}
	} finally {
		await execFileAsync('ssh', ['-o', `ControlPath=${join(sshd.dir, 'cm-%C')}`, '-O', 'exit', ...cm.slice(-3)]).catch(() => undefined);
		floor.end();
		await executor.dispose();
		await sshd.stop();
	}
};

export default sshBench;
