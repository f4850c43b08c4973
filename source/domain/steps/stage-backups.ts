import type {SectionId} from '../sections.js';
import type {StepDefinition} from '../plan-types.js';
import {type BackupStage, dumpActions, dumpProbes} from './backups.js';

function stageBackup(id: string, section: SectionId, stage: BackupStage, after: string): StepDefinition {
	return {
		id,
		section,
		title: `Back up every database ${after}`,
		why: `The runbook strongly suggests a separate backup of each service's database after each step: a dump taken ${after} is a way back to this point, not only to before the upgrade.`,
		notes: [
			`Named <db>-${stage}.dump in backupDir; written and checked like the first backup (whole or not kept, mode 0600). stageBackups = false turns these dumps off.`,
		],
		skipReason: ctx => (ctx.boolean('stageBackups') ? undefined : 'stageBackups is false: only the backup before the upgrade is taken'),
		actions: ctx => dumpActions(ctx, stage),
		probes: ctx => dumpProbes(ctx, stage),
	};
}

export const backupAfterMigrations = stageBackup('backup-after-migrations', 'migrate', 'after-migrations', 'after the migrations');
export const backupAfterFloatingIps = stageBackup('backup-after-floating-ips', 'floating-ips', 'after-floating-ips', 'after the floating IP pools (section 3)');
export const backupAfterQuotas = stageBackup('backup-after-quotas', 'quotaholder', 'after-quotas', 'after the services, resources and quotas (section 4)');
