import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {isDeepStrictEqual} from 'node:util';

/** Runs a settings file the way snf-common does (exec into one namespace) and prints values as JSON. */
const script = String.raw`
import json, sys
path = sys.argv[1]
names = sys.argv[2:]
namespace = {}
source = open(path, 'rb').read()
exec(compile(source, path, 'exec'), namespace)
def plain(value):
    if isinstance(value, (tuple, list)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return dict((key, plain(item)) for key, item in value.items())
    return value
values = dict((name, plain(namespace[name])) for name in names if name in namespace)
types = dict((name, type(namespace[name]).__name__) for name in names if name in namespace)
sys.stdout.write(json.dumps({'values': values, 'types': types}))
`;

export interface Interpreter {
	readonly label: string;
	readonly command: string;
	readonly env: NodeJS.ProcessEnv;
}

/** The real binary behind a pyenv shim (a shim costs a bash start per call), else the command itself. */
function resolve(command: string, env: NodeJS.ProcessEnv): string {
	const which = spawnSync('pyenv', ['which', command], {encoding: 'utf8', env});
	return which.status === 0 && which.stdout.trim() !== '' ? which.stdout.trim() : command;
}

function works(command: string, env: NodeJS.ProcessEnv): boolean {
	return spawnSync(command, ['-c', 'import sys; sys.exit(0 if sys.version_info[0] == 2 else 1)'], {env, stdio: 'ignore'}).status === 0;
}

/** A Python 2.7 if this machine has one (directly, or as a pyenv version); CI has only python3. */
function findPython2(): Interpreter | undefined {
	if (works('python2', process.env)) {
		return {label: 'python2', command: resolve('python2', process.env), env: process.env};
	}

	const pyenv = spawnSync('pyenv', ['versions', '--bare'], {encoding: 'utf8'});
	const version = pyenv.status === 0 ? pyenv.stdout.split('\n').find(line => /^2\.7\.\d+$/.test(line.trim()))?.trim() : undefined;
	if (version !== undefined) {
		const env = {...process.env, PYENV_VERSION: version};
		if (works('python2', env)) {
			return {label: `python2 (pyenv ${version})`, command: resolve('python2', env), env};
		}
	}

	return undefined;
}

const python2 = findPython2();

/** python3 always; python2 too when present (the Synnefo hosts run Python 2.7). */
export const interpreters: readonly Interpreter[] = [
	{label: 'python3', command: resolve('python3', process.env), env: process.env},
	...(python2 === undefined ? [] : [python2]),
];

export interface Evaluated {
	readonly values: Record<string, unknown>;
	readonly types: Record<string, string>;
}

/** Executes the settings text with every interpreter; all must agree. Throws with python's error otherwise. */
export function evaluateSettings(text: string, names: readonly string[]): Evaluated {
	const dir = mkdtempSync(path.join(tmpdir(), 'snf-oracle-'));
	try {
		const file = path.join(dir, '20-test.conf');
		writeFileSync(file, text);
		const results = interpreters.map(interpreter => {
			const out = execFileSync(interpreter.command, ['-c', script, file, ...names], {encoding: 'utf8', env: interpreter.env, stdio: ['ignore', 'pipe', 'pipe']});
			const parsed = JSON.parse(out) as Evaluated;
			// Python 2 calls text 'unicode' or 'str'; Python 3 only 'str'.
			return {values: parsed.values, types: Object.fromEntries(Object.entries(parsed.types).map(([k, v]) => [k, v === 'unicode' ? 'str' : v]))};
		});
		for (const result of results.slice(1)) {
			if (!isDeepStrictEqual(result, results[0])) {
				throw new Error(`Interpreters disagree: ${JSON.stringify(results)}`);
			}
		}

		return results[0]!;
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}
