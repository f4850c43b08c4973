import type {RunEvent} from '../../runner/events.js';
import type {BackupMade} from '../../runner/restore-lines.js';
import type {SummaryRow} from '../../ui/deployment.js';

type Cell = 'ran' | 'alreadyDone' | 'skipped' | 'failed';

/** What happened per section × host in this wizard session (the last outcome of each step × host counts), and the backups it made. */
export function createRunTally() {
	const cells = new Map<string, {section: string; host: string; outcome: Cell}>();
	const backups: BackupMade[] = [];
	const record = (event: RunEvent) => {
		const put = (outcome: Cell) => {
			if ('step' in event && 'host' in event) {
				const section = `${event.step.section.number} ${event.step.section.title}`;
				cells.set(`${event.step.id}\0${event.host}`, {section, host: event.host, outcome});
			}
		};

		switch (event.type) {
			case 'step-done': {
				put('ran');
				break;
			}

			case 'step-skipped': {
				put(event.alreadyDone ? 'alreadyDone' : 'skipped');
				break;
			}

			case 'step-failed': {
				put('failed');
				break;
			}

			case 'backup-made': {
				backups.push({host: event.host, file: event.file, restore: event.restore});
				break;
			}

			default:
		}
	};

	const rows = (): SummaryRow[] => {
		const byKey = new Map<string, {section: string; host: string; ran: number; alreadyDone: number; skipped: number; failed: number}>();
		for (const {section, host, outcome} of cells.values()) {
			const key = `${section}\0${host}`;
			const row = byKey.get(key) ?? {section, host, ran: 0, alreadyDone: 0, skipped: 0, failed: 0};
			row[outcome]++;
			byKey.set(key, row);
		}

		return [...byKey.values()];
	};

	return {record, rows, backups: (): readonly BackupMade[] => backups};
}
