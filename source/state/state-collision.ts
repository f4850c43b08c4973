import fs from 'node:fs';
import path from 'node:path';
import {InputError} from '../domain/errors.js';
import {statePaths} from './paths.js';

/** The real path of a file (or of where it would be), to compare two names of one file. */
function realPath(file: string): string {
	try {
		return fs.realpathSync(file);
	} catch {
		return path.resolve(file);
	}
}

/** The admin's --answers file is theirs: a state dir whose files would be it (saved answers, journals, transcripts) is refused. */
export function refuseStateCollision(answersFile: string, stateDirectory: string): void {
	const paths = statePaths(stateDirectory);
	const given = realPath(answersFile);
	const sameFile = (() => {
		try {
			const [a, b] = [fs.statSync(answersFile), fs.statSync(paths.answers)];
			return a.dev === b.dev && a.ino === b.ino;
		} catch {
			return given === realPath(paths.answers);
		}
	})();
	const inside = [paths.journals, paths.transcripts, paths.rehearsals].find(directory => given.startsWith(realPath(directory) + path.sep));
	if (sameFile || inside !== undefined) {
		throw new InputError(
			`--answers ${answersFile} is ${sameFile ? 'the file where' : `inside ${inside!}, where`} the state directory ${stateDirectory} keeps its own ${sameFile ? 'saved answers' : 'records'}: snf-upgrade would write over your file`,
			'Give --state-dir another directory (or leave it out for the default), or move your answers file elsewhere; snf-upgrade never writes a file you give it.',
		);
	}
}
