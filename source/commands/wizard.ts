import {InputError} from '../domain/errors.js';
import {readSavedAnswers} from '../state/saved-answers.js';
import {stateDirectory, statePaths} from '../state/paths.js';
import type {Deployment, WizardServices} from '../ui/deployment.js';
import type {WizardEnd} from '../ui/flow/wizard-state.js';
import type {CommandContext, CommandHandler} from './command.js';
import {parallelFlag} from './parallel-flag.js';
import type {WizardOpening} from './wizard/wizard-services.js';

const usage = 'usage: snf-upgrade [--answers FILE] [--state-dir DIR] [--set KEY=VALUE] [--save-secrets] [--accept-new-host-keys] [--parallel N] [--break-lock]';

const services = async () => import('./wizard/wizard-services.js');

/**
 * The wizard (bare `snf-upgrade` in a terminal, and `rehearse` in one): how it ended, its exit code and whether
 * the walk ran to its end. Called only when the terminal is usable.
 * Before the first frame it only reads what the welcome names (whether a deployment is saved or given);
 * the deployment itself (the answers taken in, the journal, the executors, and conf, execa and the plan
 * with them) is opened right after, while the welcome is on screen, and handed to the ui as services.
 */
export async function walkWizard(context: CommandContext): Promise<WizardEnd> {
	const {flags, env} = context;
	if (context.input.length > 0) {
		throw new InputError(`unexpected argument '${context.input[0]!}'`, usage);
	}

	const paths = statePaths(stateDirectory(flags.stateDir, env));
	const opening: WizardOpening = {context, paths, parallel: parallelFlag(flags.parallel, 'snf-upgrade', usage)};
	const configured = flags.answers !== undefined || readSavedAnswers(paths.answers)?.inventory !== undefined;
	const description = flags.answers === undefined ? `The deployment saved in ${paths.answers}` : `The deployment in ${flags.answers} (taken into ${paths.answers})`;
	// Every deployment opened is closed as the wizard ends (one opened after that at once): a read from the hosts still
	// under way, such as the welcome's journal check of a host that never answers, does not hold the exit.
	const opened: Deployment[] = [];
	let ended = false;
	const kept = (deployment: Deployment) => {
		opened.push(deployment);
		if (ended) {
			void deployment.close();
		}

		return deployment;
	};

	const wizardServices: WizardServices = {
		configured: configured ? {description, open: async () => kept((await services()).openConfigured(opening, description))} : undefined,
		openRehearsal: async () => kept(await (await services()).openRehearsal(opening)),
		describeHint: 'Write an answers file with your hosts ("inventory") and answers (snf-upgrade answers --list shows every key; the README has an example), then run snf-upgrade --answers FILE.',
	};
	const [{render}, {default: React}, {App}] = await Promise.all([import('ink'), import('react'), import('../ui/app.js')]);
	const instance = render(React.createElement(App, {services: wizardServices}), {exitOnCtrlC: false});
	try {
		const end = await instance.waitUntilExit() as WizardEnd | undefined;
		return end ?? {code: 0, finished: false};
	} finally {
		ended = true;
		await Promise.allSettled(opened.map(async deployment => deployment.close()));
	}
}

/** Bare `snf-upgrade` in a terminal: the wizard. cli.tsx calls it only when the terminal is usable. */
const wizard: CommandHandler = async context => (await walkWizard(context)).code;

export default wizard;
