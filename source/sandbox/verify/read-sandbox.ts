import fs from 'node:fs';
import path from 'node:path';
import {InputError} from '../../domain/errors.js';
import type {AnswersDocument} from '../answers-document.js';
import {answersFile, stateFile} from '../layout.js';
import type {SandboxState} from '../state-types.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads one of the sandbox's JSON files; damage (empty, not JSON, wrong shape) is bad input naming the file. */
function readSandboxJson(file: string, problemOf: (value: Record<string, unknown>) => string | undefined): Record<string, unknown> {
	const hint = `The sandbox cannot be checked. Make a new one with: snf-upgrade sandbox ${path.dirname(file)} --force`;
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		throw new InputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, hint);
	}

	if (text.trim() === '') {
		throw new InputError(`${file} is damaged: it is empty`, hint);
	}

	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new InputError(`${file} is damaged: not valid JSON (${(error as Error).message})`, hint);
	}

	const problem = isRecord(value) ? problemOf(value) : 'expected a JSON object';
	if (problem !== undefined) {
		throw new InputError(`${file} is damaged: ${problem}`, hint);
	}

	return value as Record<string, unknown>;
}

const stateLists = ['oauthClients', 'components', 'resources', 'users', 'backends', 'instances', 'networks', 'ips', 'staleContentTypes'] as const;

/** The sandbox's state and answers, checked enough that verify's checks can read them. */
export function readSandboxFiles(directory: string): {readonly state: SandboxState; readonly answers: AnswersDocument['answers']} {
	const state = readSandboxJson(path.join(directory, stateFile), value => {
		if (value.version !== 1 || !isRecord(value.hosts) || !isRecord(value.roles) || !isRecord(value.migrations) || !isRecord(value.services) || !isRecord(value.quotaholder)) {
			return 'not a sandbox state (version 1 with roles, hosts, migrations, services and quotaholder)';
		}

		const notList = stateLists.find(key => !Array.isArray(value[key]));
		return notList === undefined ? undefined : `${notList}: expected a list`;
	});
	const document = readSandboxJson(path.join(directory, answersFile), value => (isRecord(value.answers) ? undefined : 'expected "answers": {…}'));
	return {state: state as unknown as SandboxState, answers: document.answers as AnswersDocument['answers']};
}
