import process from 'node:process';
import type {CliFlags} from '../cli-options.js';
import type {WizardEnd} from '../ui/flow/wizard-state.js';
import type {CommandContext, CommandHandler} from './command.js';
import type * as WizardModule from './wizard.js';

/**
 * The wizard's handler, loaded (with Ink) only now. Colour and React's build are settled before the first
 * import of Ink (its chalk ignores NO_COLOR but honours FORCE_COLOR=0), and the cursor Ink hides comes
 * back whatever ends the process. The terminal is in raw mode from here on, so a key typed during the start is
 * not lost. Call it only when terminalProblem() found none.
 */
async function wizardModule(flags: CliFlags): Promise<typeof WizardModule> {
	const {env} = process;
	if ((env.NO_COLOR ?? '') !== '' || flags.color === false) {
		env.FORCE_COLOR = '0';
	}

	env.NODE_ENV ??= 'production';
	// Keys typed while Ink loads arrive as keys, not echoed onto the screen as cooked input (Ink keeps raw mode on).
	process.stdin.setRawMode?.(true);
	process.on('exit', () => {
		process.stdin.setRawMode?.(false);
		process.stdout.write('\u001B[?25h');
	});
	return import('./wizard.js');
}

export async function loadWizard(flags: CliFlags): Promise<CommandHandler> {
	return (await wizardModule(flags)).default;
}

/** As loadWizard, for a caller that goes on after the wizard (rehearse): how it ended, and whether the walk ran to its end. */
export async function loadWizardWalk(flags: CliFlags): Promise<(context: CommandContext) => Promise<WizardEnd>> {
	return (await wizardModule(flags)).walkWizard;
}
