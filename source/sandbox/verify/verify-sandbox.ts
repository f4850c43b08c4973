import fs from 'node:fs';
import path from 'node:path';
import {InputError} from '../../domain/errors.js';
import {createdWith, markerFile} from '../layout.js';
import {readSandboxFiles} from './read-sandbox.js';
import {settingsChecks} from './settings-checks.js';
import {backupChecks} from './backup-checks.js';
import {fileChecks} from './file-checks.js';
import {stateChecks} from './state-checks.js';
import {stagedVerify} from '../staging/staging-verify.js';
import type {Check, VerifyInput} from './check.js';

export type {Check} from './check.js';

/** Checks that the sandbox in `target` is now a correct Synnefo 0.15 deployment (issue 4, item 3). */
export function verifySandbox(target: string): Check[] {
	const directory = path.resolve(target);
	if (!fs.existsSync(path.join(directory, markerFile))) {
		throw new InputError(`${directory} is not a sandbox (no ${markerFile}).`, 'Create one with: snf-upgrade sandbox DIR');
	}

	const {state, answers} = readSandboxFiles(directory);
	const plain: VerifyInput = {directory, state, answers, deployment: createdWith};
	// Staging hook (source/sandbox/staging): real Ganeti clusters are read from their masters; undefined for a plain sandbox.
	const staged = stagedVerify(plain);
	const input = staged?.input ?? plain;
	return [...settingsChecks(input), ...fileChecks(input), ...stateChecks(input), ...backupChecks(input), ...(staged?.checks ?? [])];
}

export function printChecks(checks: readonly Check[]): string {
	const failed = checks.filter(check => !check.ok).length;
	const lines = checks.map(check => (check.ok ? `PASS ${check.name}\n` : `FAIL ${check.name}: ${check.detail}\n`));
	return `${lines.join('')}${failed === 0 ? `All ${checks.length} checks passed.\n` : `${failed} of ${checks.length} checks failed.\n`}`;
}
