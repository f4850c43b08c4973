import {answerSpecs} from '../domain/answers-schema.js';
import {answerListing, renderAnswerListText} from '../domain/answers/answer-listing.js';
import {showAnswers} from './answers-show.js';
import type {CommandContext, CommandHandler} from './command.js';

const usage = 'usage: snf-upgrade answers --list [--format text|json] | --show [--answers FILE | --state-dir DIR]';

function fail(context: CommandContext, message: string): number {
	context.stderr.write(`snf-upgrade answers: ${message}\n  ${usage}\n`);
	return 2;
}

function list(context: CommandContext): number {
	const format = context.flags.format ?? 'text';
	switch (format) {
		case 'text': {
			context.stdout.write(renderAnswerListText(answerSpecs));
			return 0;
		}

		case 'json': {
			context.stdout.write(JSON.stringify(answerListing(answerSpecs), undefined, 2) + '\n');
			return 0;
		}

		default: {
			return fail(context, `--format ${format} is not available here (text or json)`);
		}
	}
}

/** `snf-upgrade answers --list`: every answer key with type, section, default and description. */
const answers: CommandHandler = async context => {
	if (context.input.length > 0) {
		return fail(context, `unexpected argument '${context.input[0]}'`);
	}

	const mode = context.flags.list ? 'list' : (context.flags.show ? 'show' : undefined);
	switch (mode) {
		case 'list': {
			return list(context);
		}

		case 'show': {
			return showAnswers(context);
		}

		default: {
			return fail(context, 'say what to do: --list or --show');
		}
	}
};

export default answers;
