import {spawnSync} from 'node:child_process';

/**
 * Executes every *.conf of a Synnefo settings directory in sorted order into one namespace, as
 * snf-common does (facts §0), with one python3 call. Values come back as JSON (tuples as arrays);
 * `reprs` holds Python's repr() of every requested name for diffsettings.
 */
const program = String.raw`
import json, os, sys
directory, names = sys.argv[1], sys.argv[2:]
namespace = {}
try:
    files = sorted(os.listdir(directory))
except OSError as error:
    files = []
for name in files:
    path = os.path.join(directory, name)
    if not name.endswith('.conf') or not os.path.isfile(path):
        continue
    try:
        with open(path) as handle:
            code = compile(handle.read(), path, 'exec')
        exec(code, namespace)
    except Exception as error:
        sys.stdout.write(json.dumps({'error': 'Failed to read settings file: %s [%r]' % (path, error)}))
        sys.exit(0)
wanted = names if names else sorted(key for key in namespace if key.isupper())
values, reprs = {}, {}
for name in wanted:
    if name in namespace:
        reprs[name] = repr(namespace[name])
        try:
            values[name] = json.loads(json.dumps(namespace[name]))
        except (TypeError, ValueError):
            values[name] = reprs[name]
sys.stdout.write(json.dumps({'values': values, 'reprs': reprs}))
`;

export type SettingsResult =
	| {readonly ok: true; readonly values: Record<string, unknown>; readonly reprs: Record<string, string>}
	| {readonly ok: false; readonly message: string};

/** Reads the named settings (all upper-case names when `names` is empty). */
export function readSettings(directory: string, names: readonly string[] = []): SettingsResult {
	const result = spawnSync('python3', ['-c', program, directory, ...names], {encoding: 'utf8'});
	if (result.status !== 0) {
		return {ok: false, message: `python3 failed: ${result.stderr || result.error?.message || 'unknown error'}`.trim()};
	}

	const parsed = JSON.parse(result.stdout) as {error?: string; values?: Record<string, unknown>; reprs?: Record<string, string>};
	if (parsed.error) {
		return {ok: false, message: parsed.error};
	}

	return {ok: true, values: parsed.values ?? {}, reprs: parsed.reprs ?? {}};
}
