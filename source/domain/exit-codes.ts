/** The exit codes of the README's table, by name: run --yes and the wizard give the same code for the same end. */
export const exitCodes = {done: 0, failed: 1, input: 2, unreachable: 3, locked: 4, outputLost: 5, interrupted: 130} as const;

/**
 * Why a run started nothing: its answers or its journal refused (as run --yes's exit 2), a host not reached
 * in the preflight (3), the deployment lock held by another run or a command of an earlier run still running (4).
 */
export type NotRunReason = 'input' | 'unreachable' | 'locked';
