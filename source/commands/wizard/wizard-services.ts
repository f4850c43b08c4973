import fs from 'node:fs';
import path from 'node:path';
import {shellQuote} from '../../domain/shell-quote.js';
import {fileTimestamp, statePaths, type StatePaths} from '../../state/paths.js';
import type {Deployment} from '../../ui/deployment.js';
import type {CommandContext} from '../command.js';
import {openDeployment, type DeploymentRequest, type ReadDefaults} from './open-deployment.js';

/**
 * The wizard's deployments, opened after its welcome's first frame (commands/wizard.ts imports this module
 * lazily: conf, execa, the plan and the journal are loaded here, not before the admin sees the wizard).
 */

/** The host readers (settings in force, component-list, network-list …), loaded when the walk starts. */
const readDefaults: ReadDefaults = async input => (await import('../../readers/host-defaults.js')).readHostDefaults(input);

export interface WizardOpening {
	readonly context: CommandContext;
	readonly paths: StatePaths;
	/** --parallel, checked before the first frame. */
	readonly parallel: number;
}

/** `command` with the wizard's --answers and --state-dir as it was started (those given), for a hint to run. */
const commandWith = (command: string, options: {readonly answers?: string | undefined; readonly stateDir?: string | undefined}) => [
	command,
	...(options.answers === undefined ? [] : [`--answers ${shellQuote(options.answers)}`]),
	...(options.stateDir === undefined ? [] : [`--state-dir ${shellQuote(options.stateDir)}`]),
].join(' ');

/** The command that opens this deployment in the wizard again, breaking a stale deployment lock. */
const breakLockCommand = (options: {readonly answers?: string | undefined; readonly stateDir?: string | undefined}) => commandWith('snf-upgrade --break-lock', options);

/** The command that starts this state directory's journal over. */
const resetCommand = (stateDir: string | undefined) => commandWith('snf-upgrade status --reset', {stateDir});

function common({context, parallel}: WizardOpening): Omit<DeploymentRequest, 'stateDirectory' | 'paths' | 'description'> {
	const {flags, env} = context;
	return {
		breakLock: flags.breakLock ?? false,
		env,
		sets: flags.set ?? [],
		...(flags.saveSecrets === undefined ? {} : {saveSecrets: flags.saveSecrets}),
		acceptNewHostKeys: flags.acceptNewHostKeys ?? false,
		parallel,
		readDefaults,
	};
}

/** The deployment saved in the state directory, or given with --answers (taken in now), with its description. */
export function openConfigured(opening: WizardOpening, description: string): Deployment {
	const {context, paths} = opening;
	return openDeployment({
		...common(opening),
		stateDirectory: paths.root,
		paths,
		...(context.flags.answers === undefined ? {} : {answersFile: context.flags.answers}),
		description,
		breakLockCommand: breakLockCommand({answers: context.flags.answers, stateDir: context.flags.stateDir}),
		resetCommand: resetCommand(context.flags.stateDir),
	});
}

/** A fresh sandbox under the state directory with its own answers, journal and transcripts. */
export async function openRehearsal(opening: WizardOpening): Promise<Deployment> {
	const directory = path.join(opening.paths.rehearsals, fileTimestamp());
	fs.mkdirSync(directory, {recursive: true, mode: 0o700});
	const {createSandbox} = await import('../../sandbox/create-sandbox.js');
	const sandbox = createSandbox(path.join(directory, 'sandbox'));
	const state = statePaths(path.join(directory, 'state'));
	return openDeployment({
		...common(opening),
		stateDirectory: state.root,
		paths: state,
		answersFile: sandbox.answersFile,
		description: `Rehearsal on a fresh Synnefo 0.14.10 sandbox in ${sandbox.directory}`,
		sandboxDirectory: sandbox.directory,
		breakLockCommand: breakLockCommand({answers: sandbox.answersFile, stateDir: state.root}),
		resetCommand: resetCommand(state.root),
	});
}
