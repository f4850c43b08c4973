import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {InputError} from '../domain/errors.js';
import {shellQuote} from '../domain/shell-quote.js';
import {diskWriteError, isDiskWriteError} from '../state/disk-error.js';
import {fileTimestamp, stateDirectory, statePaths} from '../state/paths.js';
import type {CommandContext, CommandHandler} from './command.js';
import run from './run.js';
import {terminalProblem} from './terminal-check.js';
import {type RehearsalEnd, unfinishedRehearsal} from './rehearsal-report.js';
import {loadWizardWalk} from './wizard-loader.js';

async function upgrade(context: CommandContext, interactive: boolean): Promise<RehearsalEnd> {
	return interactive
		? {interactive, end: await (await loadWizardWalk(context.flags))(context)}
		: {interactive, code: await run(context)};
}

/**
 * `snf-upgrade rehearse`: a full rehearsal of the upgrade on a fresh sandbox. It creates the sandbox
 * under the state directory (its own answers, journal and transcript beside it, apart from the admin's).
 * In a terminal the wizard opens on it (the whole interactive walk); without one every step runs without
 * questions with plain line output. Then, when the upgrade ran to its end, `sandbox verify`, and where everything is.
 */
const rehearse: CommandHandler = async context => {
	if (context.input.length > 0) {
		throw new InputError(`rehearse: unexpected argument '${context.input[0]!}'`, 'usage: snf-upgrade rehearse [--state-dir DIR] [--parallel N]');
	}

	const paths = statePaths(stateDirectory(context.flags.stateDir, context.env));
	const rehearsal = path.join(paths.rehearsals, fileTimestamp());
	// The state dir (and the rehearsal, whose answers hold secrets) is the admin's alone, whoever creates it first.
	try {
		fs.mkdirSync(rehearsal, {recursive: true, mode: 0o700});
	} catch (error) {
		throw isDiskWriteError(error) ? diskWriteError(error, rehearsal, 'no rehearsal was made') : error;
	}

	const {createSandbox} = await import('../sandbox/create-sandbox.js');
	const sandbox = createSandbox(path.join(rehearsal, 'sandbox'));
	const rehearsalState = path.join(rehearsal, 'state');
	const interactive = terminalProblem(process, context.env) === undefined;
	context.stdout.write(`Rehearsal: a fresh Synnefo 0.14.10 sandbox in ${sandbox.directory}; ${interactive ? 'the wizard walks you through upgrading it to 0.15' : 'upgrading it to 0.15 without questions'}.\n\n`);
	const ended = await upgrade({
		...context,
		flags: {...context.flags, yes: true, answers: sandbox.answersFile, stateDir: rehearsalState, dryRun: false, from: undefined, saveSecrets: undefined},
	}, interactive);
	const unfinished = unfinishedRehearsal({directory: rehearsal, sandbox: sandbox.directory, answersFile: sandbox.answersFile, stateDirectory: rehearsalState}, ended);
	if (unfinished !== undefined) {
		context.stdout.write(unfinished.text);
		return unfinished.code;
	}

	const {verifySandbox, printChecks} = await import('../sandbox/verify/verify-sandbox.js');
	const checks = verifySandbox(sandbox.directory);
	context.stdout.write(`\nChecking the upgraded sandbox (snf-upgrade sandbox verify ${shellQuote(sandbox.directory)}):\n${printChecks(checks)}`);
	const ok = checks.every(check => check.ok);
	context.stdout.write([
		'',
		ok ? 'The rehearsal upgraded the sandbox correctly.' : (interactive
			? `The sandbox is not (yet) a correct 0.15 deployment (see the checks above); the walk resumes with: snf-upgrade --answers ${shellQuote(sandbox.answersFile)} --state-dir ${shellQuote(rehearsalState)}`
			: 'The rehearsal ran to the end, but the sandbox is not a correct 0.15 deployment (see the checks above).'),
		`  sandbox:     ${sandbox.directory} (answers and inventory: ${sandbox.answersFile})`,
		`  journal:     snf-upgrade status --state-dir ${shellQuote(rehearsalState)}`,
		`  transcripts: ${statePaths(rehearsalState).transcripts}`,
		'  Next: snf-upgrade plan --answers FILE for your own deployment, then snf-upgrade run --yes --answers FILE.',
		'',
	].join('\n'));
	return ok ? 0 : 1;
};

export default rehearse;
