import path from 'node:path';
import process from 'node:process';
import {createHash} from 'node:crypto';
import {exportRecord} from '../domain/ansible/export-record.js';
import {renderAnsible} from '../domain/ansible/render-ansible.js';
import {withSecretMarkers} from '../domain/ansible/secret-markers.js';
import {InputError} from '../domain/errors.js';
import {buildPlan} from '../domain/plan/build-plan.js';
import {stepRenderer} from '../domain/plan/step-renderer.js';
import {readScript} from '../executors/file-edit.js';
import {readForExport} from '../runner/export-reads.js';
import {exportRecordName, writeExportFiles} from '../state/export-files.js';
import type {CommandContext} from './command.js';
import {parallelFlag} from './parallel-flag.js';
import {withReadOnlyDeployment} from './read-only-deployment.js';

const usage = 'usage: snf-upgrade plan --format ansible --out DIR [--force] [--answers FILE] [--set KEY=VALUE] [--only|--skip SECTION] [--state-dir DIR]';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** How the playbook runs this snf-upgrade on the controller (the same node and script, absolute paths). */
const snfUpgradeArgv = (): string[] => [process.execPath, path.resolve(process.argv[1] ?? 'snf-upgrade')];

/**
 * `plan --format ansible --out DIR`: reads the hosts now, read-only (the preflight, the answers' defaults, every
 * step's facts), and writes DIR/inventory.yml, DIR/playbook.yml and the record
 * ansible-verdict renders the steps again from. Secrets are in none of them.
 */
export async function planAnsible(context: CommandContext): Promise<number> {
	const {flags} = context;
	if (flags.out === undefined) {
		throw new InputError('plan --format ansible needs --out DIR (it writes inventory.yml and playbook.yml there)', usage);
	}

	const out = path.resolve(flags.out);
	const parallel = parallelFlag(flags.parallel, 'plan', usage);
	return withReadOnlyDeployment(context, 'plan --format ansible', parallel, async ({inventory, hosts, resolved, rows, unreachable, runner}) => {
		const failed = rows.filter(row => row.status === 'FAIL');
		if (unreachable.size > 0 || failed.length > 0) {
			throw new InputError(`cannot export: the preflight failed: ${failed.map(row => `${row.check} on ${row.host}: ${row.evidence}`).join('; ')}`, 'snf-upgrade check shows every finding; fix them, then export again.');
		}

		const only = flags.only ?? [];
		const skip = flags.skip ?? [];
		const marked = withSecretMarkers(resolved);
		const plan = buildPlan({answers: marked, inventory, only, skip});
		const read = await readForExport(runner, plan.steps, stepRenderer({answers: marked, inventory}));
		const rendered = {...plan, steps: read.steps};
		const exported = renderAnsible({plan: rendered, inventory, hosts, hash: sha256, readScript, snfUpgradeArgv: snfUpgradeArgv()});
		const record = exportRecord({inventory, answers: resolved, only, skip, facts: read.facts, steps: read.steps});
		writeExportFiles(out, {'ansible.cfg': exported.config, 'inventory.yml': exported.inventory, 'playbook.yml': exported.playbook, [exportRecordName]: `${JSON.stringify(record, null, '\t')}\n`}, flags.force ?? false);
		context.stdout.write([
			`wrote ansible.cfg, inventory.yml, playbook.yml and ${exportRecordName} in ${out}`,
			`  cd ${out} && ansible-playbook playbook.yml --check`,
			...(exported.secrets.length === 0 ? [] : [`  it asks for ${exported.secrets.join(', ')} (or give them, each tagged !unsafe, with -e @vault.yml: ${exported.secrets.map(key => key.replaceAll(/[A-Z]/g, letter => `_${letter.toLowerCase()}`)).map(name => `snf_${name}`).join(', ')})`]),
		].join('\n') + '\n');
		return 0;
	});
}
