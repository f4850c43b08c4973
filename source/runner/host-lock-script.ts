import type {Host} from '../domain/inventory-types.js';
import {shellQuote} from '../domain/shell-quote.js';

/**
 * The run's marks on a host, in HOST_ROOT/var/lib/snf-upgrade (mode 0700, written as root):
 * - `lock/` (mkdir is atomic) with `lock/info`: who holds the deployment (run id, user, machine, pid,
 *   since, state dir), one `key=value` per line;
 * - `running/PID`: one file per changing command while it runs (run id, step, since, and the
 *   process's start time, so a reused pid is not taken for the command).
 * Pure text: the deployment lock (deployment-lock.ts) runs these through the executors.
 */
export interface LockHolder {
	readonly run: string;
	readonly user: string;
	readonly machine: string;
	readonly pid: number;
	readonly since: string;
	readonly stateDir: string;
}

/** A registered command found still running on a host. */
export interface RunningCommand {
	readonly pid: number;
	readonly run: string;
	readonly step: string;
	readonly since: string;
}

export interface LockReport {
	/** 'taken' by this call; 'held' by another run (holder, when its info could be read); 'ours' already. */
	readonly state: 'taken' | 'held' | 'ours';
	readonly holder?: LockHolder;
	readonly running: readonly RunningCommand[];
}

export function lockDirectory(host: Host): string {
	return `${host.target.kind === 'local' ? host.target.root : ''}/var/lib/snf-upgrade`;
}

const oneLine = (text: string) => text.replaceAll(/[\n\r]/g, ' ');

/** Prints `@cmd PID` and the file for every registered command whose process still runs (a zombie does not); removes the others. */
const listRunning = (directory: string) => [
	'echo @running',
	`for f in ${shellQuote(`${directory}/running`)}/*; do`,
	'  [ -f "$f" ] || continue',
	'  p=${f##*/}',
	'  s=$(sed -n "s/^start=//p" "$f")',
	// After "NAME) ": the state (a zombie, Z, or dead, X, has stopped running: its parent has not reaped it yet) and the start time (field 22).
	'  if [ -r "/proc/$p/stat" ] && sed "s/.*) //" "/proc/$p/stat" 2>/dev/null | awk -v s="$s" \'$1 != "Z" && $1 != "X" && $20 == s {found = 1} END {exit !found}\'; then echo "@cmd $p"; cat "$f"; else rm -f "$f"; fi',
	'done',
];

/** Takes the lock unless another run holds it; reports the holder and the commands still running either way. */
export function acquireLockScript(directory: string, holder: LockHolder): string {
	const lock = shellQuote(`${directory}/lock`);
	const info = Object.entries(holder).map(([key, value]) => shellQuote(`${key}=${oneLine(String(value))}`)).join(' ');
	return [
		'umask 077',
		`mkdir -p ${shellQuote(`${directory}/running`)} || exit 3`,
		`if mkdir ${lock} 2>/dev/null; then`,
		`  printf '%s\\n' ${info} > ${lock}/info.tmp && mv ${lock}/info.tmp ${lock}/info || exit 3`,
		'  echo @lock taken',
		`elif grep -qx ${shellQuote(`run=${holder.run}`)} ${lock}/info 2>/dev/null; then`,
		'  echo @lock ours',
		'else',
		'  echo @lock held',
		`  cat ${lock}/info 2>/dev/null`,
		'fi',
		...listRunning(directory),
	].join('\n');
}

/** Removes the lock if (and only if) this run holds it. */
export function releaseLockScript(directory: string, run: string): string {
	const lock = shellQuote(`${directory}/lock`);
	return `if grep -qx ${shellQuote(`run=${run}`)} ${lock}/info 2>/dev/null; then rm -rf ${lock}; fi`;
}

/** Removes the lock of the run `holderRun` (or one without info), only if it is still that run's. */
export function breakLockScript(directory: string, holderRun: string | undefined): string {
	const lock = shellQuote(`${directory}/lock`);
	const same = holderRun === undefined ? `! [ -s ${lock}/info ]` : `grep -qx ${shellQuote(`run=${holderRun}`)} ${lock}/info 2>/dev/null`;
	return `if ${same}; then rm -rf ${lock}; fi`;
}

/**
 * A changing command, registered while it runs: `running/$$` holds the run, the step and the shell's
 * start time, and is removed when the shell exits. A file left behind by a killed shell names a
 * process that is gone (or another one, with another start time), and is ignored and removed.
 */
export function registeredCommand(directory: string, run: string, step: string, line: string): string {
	const file = `${shellQuote(`${directory}/running`)}/$$`;
	return [
		`{ printf '%s\\n' ${shellQuote(`run=${run}`)} ${shellQuote(`step=${oneLine(step)}`)} "since=$(date -u +%Y-%m-%dT%H:%M:%SZ)" "start=$(cut -d' ' -f22 /proc/$$/stat)" > ${file}; } 2>/dev/null`,
		`trap 'rm -f ${file}' EXIT`,
		line,
	].join('\n');
}

function fields(lines: readonly string[]): Record<string, string> {
	return Object.fromEntries(lines.filter(line => line.includes('=')).map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

/** Reads the output of acquireLockScript; undefined when it is not that output. */
export function parseLockReport(stdout: string): LockReport | undefined {
	const lines = stdout.split('\n');
	const state = /^@lock (taken|held|ours)$/.exec(lines[0] ?? '')?.[1] as LockReport['state'] | undefined;
	const runningAt = lines.indexOf('@running');
	if (state === undefined || runningAt === -1) {
		return undefined;
	}

	const info = fields(lines.slice(1, runningAt));
	const holder = info['run'] === undefined
		? undefined
		: {run: info['run'], user: info['user'] ?? '?', machine: info['machine'] ?? '?', pid: Number(info['pid']), since: info['since'] ?? '?', stateDir: info['stateDir'] ?? '?'};
	const running: RunningCommand[] = [];
	let current: {pid: number; lines: string[]} | undefined;
	const flush = () => {
		if (current) {
			const entry = fields(current.lines);
			running.push({pid: current.pid, run: entry['run'] ?? '?', step: entry['step'] ?? '?', since: entry['since'] ?? '?'});
		}
	};

	for (const line of lines.slice(runningAt + 1)) {
		const pid = /^@cmd (\d+)$/.exec(line)?.[1];
		if (pid === undefined) {
			current?.lines.push(line);
		} else {
			flush();
			current = {pid: Number(pid), lines: []};
		}
	}

	flush();
	return {state, ...(holder === undefined ? {} : {holder}), running};
}
