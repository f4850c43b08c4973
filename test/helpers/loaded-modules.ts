import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {expect} from 'vitest';
import {cli} from '../e2e/run-helpers.js';

/** `node --import` this to have every ES module the process loads appended to $SNF_MODULE_LOG. */
export const moduleRecorder = fileURLToPath(new URL('../fixtures/start-up/record-modules.mjs', import.meta.url));

/** Whether a loaded module is Ink or React: a node_modules path, or a bundle chunk carrying their code. */
export function isInkOrReact(url: string): boolean {
	if (/\/node_modules\/(ink|ink-[^/]+|react|react-reconciler|yoga-layout)\//.test(url)) {
		return true;
	}

	if (!url.startsWith('file:')) {
		return false;
	}

	const text = fs.readFileSync(fileURLToPath(url), 'utf8');
	return text.includes('Raw mode is not supported') || text.includes('react.transitional.element');
}

/** Whether a loaded module carries conf's validator (ajv) or execa: what opening a deployment loads. */
export function isDeploymentCode(url: string): boolean {
	if (!url.startsWith('file:')) {
		return false;
	}

	const text = fs.readFileSync(fileURLToPath(url), 'utf8');
	return text.includes('schema is invalid: ') || text.includes('was killed with');
}

/** The modules the built CLI loads when run with `args` (no terminal, stdin empty), in the order it loaded them. */
export function modulesLoadedBy(args: readonly string[], log: string): string[] {
	const result = spawnSync(process.execPath, ['--import', moduleRecorder, cli, ...args], {
		env: {...process.env, SNF_MODULE_LOG: log, SNF_PITHOS_OAUTH_SECRET: 'pithos-secret', SNF_VNC_PASSWORD: 'vnc-password'},
		stdio: 'ignore',
	});
	expect(result.error).toBeUndefined();
	return fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
}
