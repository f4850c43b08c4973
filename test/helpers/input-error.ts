import {InputError} from '../../source/domain/errors.js';

/** The InputError that run() throws; any other error is rethrown, and returning normally fails the test. */
export function inputErrorOf(run: () => unknown): InputError {
	try {
		run();
	} catch (error) {
		if (error instanceof InputError) {
			return error;
		}

		throw error;
	}

	throw new Error('expected an InputError');
}
