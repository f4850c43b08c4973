import fs from 'node:fs';
import path from 'node:path';
import {InputError} from '../domain/errors.js';
import {openAnswersStore} from '../state/answers-store.js';
import {fileTimestamp, stateDirectory, statePaths, type StatePaths} from '../state/paths.js';
import type {Deployment, WizardServices} from '../ui/deployment.js';
import type {CommandContext, CommandHandler} from './command.js';
import {parallelFlag} from './parallel-flag.js';
import {openDeployment, type DeploymentRequest, type ReadDefaults} from './wizard/open-deployment.js';

const usage = 'usage: snf-upgrade [--answers FILE] [--state-dir DIR] [--set KEY=VALUE] [--save-secrets] [--accept-new-host-keys] [--parallel N]';

/** The host readers (settings in force, component-list, network-list …), loaded when the walk starts. */
const readDefaults: ReadDefaults = async input => (await import('../readers/host-defaults.js')).readHostDefaults(input);

function common(context: CommandContext): Omit<DeploymentRequest, 'stateDirectory' | 'paths' | 'description'> {
	const {flags, env} = context;
	const parallel = parallelFlag(flags.parallel, 'snf-upgrade', usage);

	return {
		env,
		sets: flags.set ?? [],
		...(flags.saveSecrets === undefined ? {} : {saveSecrets: flags.saveSecrets}),
		acceptNewHostKeys: flags.acceptNewHostKeys ?? false,
		parallel,
		readDefaults,
	};
}

/** A fresh sandbox under the state directory with its own answers, journal and transcripts. */
function rehearsal(context: CommandContext, paths: StatePaths): () => Promise<Deployment> {
	return async () => {
		const directory = path.join(paths.rehearsals, fileTimestamp());
		fs.mkdirSync(directory, {recursive: true, mode: 0o700});
		const {createSandbox} = await import('../sandbox/create-sandbox.js');
		const sandbox = createSandbox(path.join(directory, 'sandbox'));
		const state = statePaths(path.join(directory, 'state'));
		return openDeployment({
			...common(context),
			stateDirectory: state.root,
			paths: state,
			answersFile: sandbox.answersFile,
			description: `Rehearsal on a fresh Synnefo 0.14.10 sandbox in ${sandbox.directory}`,
			sandboxDirectory: sandbox.directory,
		});
	};
}

/**
 * Bare `snf-upgrade` in a terminal: the wizard. cli.tsx calls it only when the terminal is usable.
 * Builds the answers, the journal and the executors here and hands them to the ui as services.
 */
const wizard: CommandHandler = async context => {
	const {flags, env} = context;
	if (context.input.length > 0) {
		throw new InputError(`unexpected argument '${context.input[0]!}'`, usage);
	}

	const paths = statePaths(stateDirectory(flags.stateDir, env));
	const saved = openAnswersStore(paths.root).load();
	const configured = flags.answers !== undefined || saved?.inventory !== undefined;
	const deployment = configured
		? openDeployment({
			...common(context),
			stateDirectory: paths.root,
			paths,
			...(flags.answers === undefined ? {} : {answersFile: flags.answers}),
			description: flags.answers === undefined ? `The deployment saved in ${paths.answers}` : `The deployment in ${flags.answers} (taken into ${paths.answers})`,
		})
		: undefined;
	const services: WizardServices = {
		deployment,
		openRehearsal: rehearsal(context, paths),
		describeHint: 'Write an answers file with your hosts ("inventory") and answers (snf-upgrade answers --list shows every key; the README has an example), then run snf-upgrade --answers FILE.',
	};
	const [{render}, {default: React}, {App}] = await Promise.all([import('ink'), import('react'), import('../ui/app.js')]);
	const instance = render(React.createElement(App, {services}), {exitOnCtrlC: false});
	const code = await instance.waitUntilExit();
	return typeof code === 'number' ? code : 0;
};

export default wizard;
