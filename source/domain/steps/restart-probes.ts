import type {CommandOutput, Probe, Verdict} from '../action-types.js';
import type {Host} from '../inventory-types.js';
import {installedVersions} from '../parsers/dpkg-query.js';
import {isoTime, parseRestartEvidence, restartMarker, timeNanoseconds, type FileTime} from '../parsers/restart-evidence.js';
import {shellQuote} from '../shell-quote.js';
import {cannotTell, parsedVerdict, verdict} from '../verdicts.js';

/** What tells that a daemon was restarted after the files it reads changed. */
export interface RestartWatch {
	readonly service: string;
	/** Its pid files (under the host's root): written when it starts, so their mtime is its start time. A last component `*.pid` is a glob. */
	readonly pidFiles: readonly string[];
	/** The files it reads when it starts (a last component `*.conf` is a glob); absent ones are left out. */
	readonly inputs: readonly string[];
	/** A package that must be at the wanted version first (a restart before the upgrade does not count). */
	readonly version?: {readonly name: string; readonly wanted: string; readonly matches: (version: string) => boolean};
}

/** A path as a shell word, its last component left unquoted when it is a `*.ext` glob. */
function pathWord(file: string): string {
	const glob = /\/(\*\.[A-Za-z0-9]+)$/.exec(file);
	return glob === null ? shellQuote(file) : `${shellQuote(file.slice(0, glob.index + 1))}${glob[1]!}`;
}

const timesLoop = (role: 'pid' | 'input', files: readonly string[]): string =>
	`for f in ${files.map(file => pathWord(file)).join(' ')}; do if [ -e "$f" ]; then find "$f" -maxdepth 0 -printf '${restartMarker} ${role} %T@ %p\\n'; else printf '${restartMarker} ${role} missing %s\\n' "$f"; fi; done`;

/** One read-only command: the daemon's status, the mtimes of its pid files and inputs (GNU find's %T@), the package version. */
export function restartScript(watch: RestartWatch): string {
	return [
		`service ${shellQuote(watch.service)} status >/dev/null 2>&1; echo ${restartMarker} status $?`,
		timesLoop('pid', watch.pidFiles),
		timesLoop('input', watch.inputs),
		...(watch.version === undefined ? [] : [`dpkg-query -W ${shellQuote('-f=${Package} ${Version}\\n')} ${shellQuote(watch.version.name)}`]),
	].join('; ');
}

const present = (files: readonly FileTime[]) => files.filter((file): file is {path: string; mtime: string} => file.mtime !== undefined);

/**
 * Done when the daemon runs and its pid file is newer than every input: the running daemon started
 * after they last changed. Not running, or started before a change: to do. No pid file, no input, the
 * same timestamp (a file system with whole seconds), or output it does not know: cannot tell.
 */
export function restartVerdict(watch: RestartWatch, output: CommandOutput): Verdict {
	if (output.exitCode === null) {
		return cannotTell('the check was killed');
	}

	return parsedVerdict(() => {
		const evidence = parseRestartEvidence(output.stdout);
		const {service} = watch;
		if (evidence.status === 3) {
			return verdict(false, `${service} is not running`);
		}

		if (evidence.status !== 0) {
			return cannotTell(`service ${service} status exited with ${evidence.status}: neither running (0) nor stopped (3)`);
		}

		if (watch.version !== undefined) {
			const {name, wanted, matches} = watch.version;
			const version = installedVersions({...output, stdout: evidence.rest}, [name]).get(name);
			if (version === undefined) {
				return cannotTell(`${name} is not installed`);
			}

			if (!matches(version)) {
				return verdict(false, `${name} is ${version}, not ${wanted}: the upgrade has not reached this host`);
			}
		}

		const pids = present(evidence.pidFiles);
		if (pids.length === 0) {
			return cannotTell(`${service} runs but has no pid file at ${watch.pidFiles.join(', ')}: when it started cannot be read`);
		}

		const inputs = present(evidence.inputs);
		if (inputs.length === 0) {
			return cannotTell(`none of ${watch.inputs.join(', ')} exists`);
		}

		const started = pids.reduce((oldest, file) => (timeNanoseconds(file.mtime) < timeNanoseconds(oldest.mtime) ? file : oldest));
		const changed = inputs.reduce((newest, file) => (timeNanoseconds(file.mtime) > timeNanoseconds(newest.mtime) ? file : newest));
		const [start, change] = [timeNanoseconds(started.mtime), timeNanoseconds(changed.mtime)];
		if (start === change) {
			return cannotTell(`${service} started (${started.path}) at the same time as ${changed.path} last changed (${isoTime(changed.mtime)}): the file system cannot order them`);
		}

		return start > change
			? verdict(true, `${service} running since ${isoTime(started.mtime)} (${started.path}), after the last change of ${changed.path} (${isoTime(changed.mtime)})`)
			: verdict(false, `${service} running since ${isoTime(started.mtime)} (${started.path}), before ${changed.path} changed (${isoTime(changed.mtime)})`);
	});
}

export const restartProbe = (host: Host, watch: RestartWatch, description: string): Probe => ({
	host,
	shell: {pipeline: [{script: restartScript(watch)}]},
	asRoot: true,
	description,
	isDone: output => restartVerdict(watch, output),
});

/** The note every restart step shows: what its check reads. */
export const restartNote = (pidFile: string): string =>
	`Done when the daemon runs and its pid file (${pidFile}, written when it starts) is newer than every file it reads; on a file system with whole-second times a restart in the same second as the last change cannot be ordered and the check says "cannot tell" (run the step again).`;

/** Debian's gunicorn keeps one pid file per /etc/gunicorn.d configuration (gunicorn-debian: /var/run/gunicorn/<name>.pid). */
export const gunicornPidFiles = '/var/run/gunicorn/*.pid';
