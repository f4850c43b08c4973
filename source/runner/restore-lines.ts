import type {RunEvent} from './events.js';

export type BackupMade = Pick<Extract<RunEvent, {type: 'backup-made'}>, 'host' | 'file' | 'restore'>;

/**
 * The way back after a run: each dump and settings backup it made, with the exact command that restores
 * it, host by host (hosts in the order of their first backup; a fan-out step reports them interleaved).
 * One rendering for `run --yes` (the line printer) and the wizard's summary.
 */
export function restoreLines(backups: readonly BackupMade[], made: 'this run' | 'this session' = 'this run'): string[] {
	if (backups.length === 0) {
		return [];
	}

	const hosts = [...new Set(backups.map(backup => backup.host))];
	return [
		`Backups ${made} made, and how to restore each (on its host, with the services stopped):`,
		...hosts.flatMap(host => backups.filter(backup => backup.host === host)).flatMap(backup => [`  ${backup.host}: ${backup.file}`, `      ${backup.restore}`]),
	];
}
