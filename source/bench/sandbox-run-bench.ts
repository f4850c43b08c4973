import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {createSandbox} from '../sandbox/create-sandbox.js';
import {usualGanetiNodes} from '../sandbox/layout.js';
import {verifySandbox} from '../sandbox/verify/verify-sandbox.js';
import {round} from './bench-types.js';
import type {BenchModule} from './bench-types.js';

const execFileAsync = promisify(execFile);
const fleetNodes = 64;

/** Wall seconds of the built CLI's `run --yes` on a fresh sandbox with `ganetiNodes`; it must exit 0 and `sandbox verify` must pass. */
async function timedRun(parent: string, ganetiNodes: number): Promise<number> {
	const {directory, answersFile} = createSandbox(join(parent, `sandbox-${ganetiNodes}`), {ganetiNodes});
	const cli = fileURLToPath(new URL('../cli.js', import.meta.url));
	const start = performance.now();
	await execFileAsync(process.execPath, [cli, 'run', '--yes', '--answers', answersFile, '--state-dir', join(parent, `state-${ganetiNodes}`)], {env: {...process.env, CI: 'true'}, maxBuffer: 256 * 1024 * 1024});
	const seconds = (performance.now() - start) / 1000;
	const failed = verifySandbox(directory).filter(check => !check.ok);
	if (failed.length > 0) {
		throw new Error(`sandbox verify after run --yes with ${ganetiNodes} Ganeti nodes: ${failed.map(check => `${check.name}: ${check.detail}`).join('; ')}`);
	}

	return seconds;
}

/** A whole `run --yes` on the usual 7-host sandbox (3 Ganeti nodes) and on one with 64 Ganeti nodes (default --parallel). */
const sandboxRunBench: BenchModule = async emit => {
	const parent = mkdtempSync(join(tmpdir(), 'snf-bench-run-'));
	try {
		const usual = await timedRun(parent, usualGanetiNodes);
		const fleet = await timedRun(parent, fleetNodes);
		emit({name: 'run-sandbox-7-hosts-s', value: round(usual, 1), unit: 's', target: '<= 25'});
		emit({name: `run-sandbox-${fleetNodes}-nodes-s`, value: round(fleet, 1), unit: 's', target: null});
		emit({name: `run-${fleetNodes}-nodes-vs-7-hosts`, value: round(fleet / usual), unit: 'x', target: '<= 3'});
	} finally {
		rmSync(parent, {recursive: true, force: true});
	}
};

export default sandboxRunBench;
