import type {Arg, Shell} from '../action-types.js';
import {shellQuote} from '../shell-quote.js';

/** The line the settings program prints its JSON on (anything else on stdout, e.g. a login banner, is ignored). */
export const settingsMarker = 'SNF-UPGRADE-SETTINGS ';

/**
 * Reads /etc/synnefo the way snf-common does (facts §0; S1410 snf-common/synnefo/settings/__init__.py):
 * every regular *.conf file, in sorted order, executed into ONE namespace (which, like the settings
 * module's, already holds os and sys). For every upper-case name a file assigns it records the files,
 * in order (the last one is the value in force). For the names asked for (argv[2:]) it reports the
 * value as JSON when it is JSON-serialisable, and always its repr(). The first file that fails stops
 * the reading, as it stops every snf-manage call: its path, line and exception are reported.
 * Python 2.6+ and 3 alike: it runs with whichever the host has.
 * With `--before-dpkg` first, a file dpkg replaced by the maintainer's version (aptConffiles=new) is read
 * from the `NAME.dpkg-old` beside it, where dpkg kept the admin's: the settings as they were before.
 * With `--expect` first, it reads one JSON object on stdin ({NAME: intended value}) and reports, for every
 * such name a file sets, `equal`: whether the value in force is that value (bool and int apart, a tuple as
 * a list, str and unicode alike). The values themselves are reported only for names in argv, so a secret's
 * intended value travels on stdin and neither it nor the value in force is ever printed.
 */
export const settingsProgram = String.raw`
import ast, io, json, os, sys
arguments = sys.argv[1:]
before_dpkg = arguments[:1] == ['--before-dpkg']
if before_dpkg:
    arguments = arguments[1:]
expected = {}
if arguments[:1] == ['--expect']:
    arguments = arguments[1:]
    expected = json.loads(sys.stdin.readline())
def same(value, wanted):
    if isinstance(wanted, bool) or isinstance(value, bool):
        return type(value) is type(wanted) and value == wanted
    if isinstance(wanted, dict):
        return isinstance(value, dict) and len(value) == len(wanted) and all(key in value and same(value[key], wanted[key]) for key in wanted)
    if isinstance(wanted, list):
        return isinstance(value, (list, tuple)) and len(value) == len(wanted) and all(same(item, other) for item, other in zip(value, wanted))
    if wanted is None or value is None:
        return value is wanted
    text = (type(u''), str)
    return isinstance(value, text) == isinstance(wanted, text) and value == wanted
directory, wanted = arguments[0], arguments[1:]
report = {'python': '%d.%d.%d' % tuple(sys.version_info[:3]), 'directory': directory, 'files': []}
def emit():
    sys.stdout.write('${settingsMarker}' + json.dumps(report) + '\n')
    sys.exit(0)
def stored(tree):
    names = set()
    pending = [tree]
    while pending:
        node = pending.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.ClassDef, ast.Lambda)) or type(child).__name__ == 'AsyncFunctionDef':
                if hasattr(child, 'name'):
                    names.add(child.name)
                continue
            if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
                names.add(child.id)
            pending.append(child)
    return names
if not os.path.isdir(directory):
    report['missing'] = True
    emit()
namespace = {'os': os, 'sys': sys}
setters = {}
for name in sorted(os.listdir(directory)):
    path = os.path.abspath(os.path.join(directory, name))
    if not name.endswith('.conf') or not os.path.isfile(path):
        continue
    if before_dpkg and os.path.isfile(path + '.dpkg-old'):
        path = path + '.dpkg-old'
    report['files'].append(path)
    before = dict(namespace)
    try:
        handle = io.open(path, 'rb')
        try:
            source = handle.read()
        finally:
            handle.close()
        code = compile(source, path, 'exec')
        assigned = stored(ast.parse(source, path))
        exec(code, namespace)
    except SyntaxError as error:
        report['error'] = {'file': path, 'line': error.lineno, 'kind': type(error).__name__, 'message': '%s: %s' % (type(error).__name__, error.msg), 'repr': repr(error)}
        emit()
    except Exception as error:
        line = None
        trace = sys.exc_info()[2]
        while trace is not None:
            if trace.tb_frame.f_code.co_filename == path:
                line = trace.tb_lineno
            trace = trace.tb_next
        report['error'] = {'file': path, 'line': line, 'kind': type(error).__name__, 'message': '%s: %s' % (type(error).__name__, error), 'repr': repr(error)}
        emit()
    for key in namespace:
        if not key.isupper():
            continue
        if key not in before or before[key] is not namespace[key] or key in assigned:
            setters.setdefault(key, []).append(path)
settings = {}
for key in sorted(setters):
    entry = {'files': setters[key]}
    if key in expected:
        entry['equal'] = same(namespace[key], expected[key])
    if key in wanted:
        entry['repr'] = repr(namespace[key])
        try:
            entry['json'] = json.loads(json.dumps(namespace[key]))
        except Exception:
            pass
    settings[key] = entry
report['settings'] = settings
emit()
`;

/**
 * The command that runs the settings program with the host's own Python: python2 first (what Synnefo
 * 0.14 runs on), then python, then python3; each is tried first, so a name that exists but does not
 * run (a broken alternative, a pyenv shim without that version) is passed over. Read-only; reading
 * /etc/synnefo needs root (the files hold passwords and are often root-only).
 */
export function settingsInForceShell(directory: string, names: readonly string[]): Shell {
	return withHostPython(`exec "$python" -c ${programArgs([directory, ...names])}`, [directory, ...names]);
}

/**
 * The settings in force, and for each name of `expected` (one JSON object, fed on stdin: it may hold a
 * secret) whether its value in force is the intended one. Values are reported only for `shown` names.
 */
export function settingsExpectShell(directory: string, shown: readonly string[], expected: Arg): Shell {
	return {...withHostPython(`exec "$python" -c ${programArgs(['--expect', directory, ...shown])}`, ['--expect', directory, ...shown]), stdin: expected};
}

/**
 * The settings in force now, then (a second report line) as they were before dpkg replaced any of
 * them (`--before-dpkg`): what a package install lost. Read-only.
 */
export function settingsThroughInstallShell(directory: string): Shell {
	return withHostPython(`"$python" -c ${programArgs([directory])} || exit $?; exec "$python" -c ${programArgs(['--before-dpkg', directory])}`, [directory], ['--before-dpkg', directory]);
}

const programArgs = (args: readonly string[]) => [settingsProgram, ...args].map(arg => shellQuote(arg)).join(' ');

/** How plans and transcripts show the program's runs: the arguments in full, the program by name. */
const shownRuns = (runs: ReadonlyArray<readonly string[]>) =>
	runs.map(args => ['python2|python|python3', '-c', '<snf-upgrade settings-in-force program>', ...args.map(arg => shellQuote(arg))].join(' ')).join('; ');

function withHostPython(run: string, ...runs: ReadonlyArray<readonly string[]>): Shell {
	const script = `for python in python2 python python3; do if "$python" -c '' >/dev/null 2>&1; then ${run}; fi; done; echo 'no working Python (python2, python or python3) on this host' >&2; exit 127`;
	return {pipeline: [{script, shown: shownRuns(runs)}]};
}
