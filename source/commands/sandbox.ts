import {InputError} from '../domain/errors.js';
import {shellQuote} from '../domain/shell-quote.js';
import type {CommandHandler} from './command.js';

/** `snf-upgrade sandbox DIR [--force]` and `snf-upgrade sandbox verify DIR`. */
const sandbox: CommandHandler = async ({input, flags, stdout}) => {
	if (input[0] === 'verify') {
		const directory = input[1];
		if (!directory || input.length > 2) {
			throw new InputError('sandbox verify needs exactly one directory.', 'Usage: snf-upgrade sandbox verify DIR');
		}

		const {verifySandbox, printChecks} = await import('../sandbox/verify/verify-sandbox.js');
		const checks = verifySandbox(directory);
		stdout.write(printChecks(checks));
		return checks.every(check => check.ok) ? 0 : 1;
	}

	const directory = input[0];
	if (!directory || input.length > 1) {
		throw new InputError('sandbox needs exactly one directory.', 'Usage: snf-upgrade sandbox DIR [--force]');
	}

	const {createSandbox} = await import('../sandbox/create-sandbox.js');
	const created = createSandbox(directory, {force: flags.force === true});
	stdout.write(`Created a Synnefo 0.14.10 rehearsal deployment in ${created.directory}\n`);
	stdout.write(`Answers and inventory (mode 0600, holds generated secrets): ${created.answersFile}\n`);
	stdout.write(`Check it after an upgrade with: snf-upgrade sandbox verify ${shellQuote(created.directory)}\n`);
	return 0;
};

export default sandbox;
