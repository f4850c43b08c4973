import type {AnswerSpec} from '../answer-types.js';
import {quoted} from '../printable.js';
import {didYouMean} from './did-you-mean.js';

/** The spec of `key`, or undefined. */
export function findSpec(key: string, specs: readonly AnswerSpec[]): AnswerSpec | undefined {
	return specs.find(spec => spec.key === key);
}

/** "unknown answer key 'x' (did you mean 'y'?)". */
export function unknownKeyMessage(key: string, specs: readonly AnswerSpec[]): string {
	return `unknown answer key ${quoted(key)}${didYouMean(key, specs.map(spec => spec.key))}`;
}

export const listKeysHint = 'snf-upgrade answers --list shows every key with its type and default.';

export const envNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
