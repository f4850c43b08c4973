/** What the wizard needs to see of the terminal: the two streams' TTY flags and the size. */
export interface TerminalStreams {
	readonly stdin: {readonly isTTY?: boolean};
	readonly stdout: {readonly isTTY?: boolean; readonly rows?: number; readonly columns?: number};
}

/** `CI` set and not "0"/"false" (the rule Ink's is-in-ci applies, which would switch Ink to last-frame-only output). */
export function inContinuousIntegration(env: NodeJS.ProcessEnv): boolean {
	return ['CI', 'CONTINUOUS_INTEGRATION'].some(name => env[name] !== undefined && env[name] !== '0' && env[name] !== 'false');
}

/**
 * Why the wizard cannot run here, or undefined when it can: it needs stdin and stdout on a terminal
 * that reports its size, outside CI, and a terminal that can move the cursor (not TERM=dumb).
 */
export function terminalProblem(streams: TerminalStreams, env: NodeJS.ProcessEnv): string | undefined {
	if (!streams.stdin.isTTY) {
		return 'stdin is not a terminal';
	}

	if (!streams.stdout.isTTY) {
		return 'stdout is not a terminal';
	}

	if (inContinuousIntegration(env)) {
		return 'CI is set';
	}

	if (env.TERM === 'dumb') {
		return 'TERM is dumb';
	}

	if (!streams.stdout.rows || !streams.stdout.columns) {
		return 'the terminal reports no size (0 rows or columns; `stty rows 24 cols 80` sets one)';
	}

	return undefined;
}

/** The message for exit 2: why there is no wizard, and the commands that do the same without a terminal. */
export function noTerminalMessage(problem: string, hasCheck: boolean): string {
	return [
		`snf-upgrade: the interactive wizard needs a terminal, and ${problem}. Without one:`,
		'  snf-upgrade plan --answers FILE          every command and file edit, per host, secrets masked',
		...(hasCheck ? ['  snf-upgrade check --answers FILE         read-only checks of every host and step'] : []),
		'  snf-upgrade run --yes --answers FILE     run the plan without questions (never waits for input)',
		'  --set KEY=VALUE overrides one answer; `snf-upgrade answers --list` lists them; `snf-upgrade rehearse` tries it all on a sandbox.',
		'',
	].join('\n');
}
