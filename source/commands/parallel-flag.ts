import {InputError} from '../domain/errors.js';

/** `--parallel N` (hosts at once in a fan-out step; default 8): a whole number of at least 1, else bad input naming the value as typed (never "NaN"). */
export function parallelFlag(value: string | undefined, command: string, usage: string): number {
	if (value === undefined) {
		return 8;
	}

	if (!/^\d+$/.test(value) || Number(value) < 1) {
		throw new InputError(`${command}: --parallel ${JSON.stringify(value)}: expected a whole number of at least 1 (hosts at once in a fan-out step)`, usage);
	}

	return Number(value);
}
