import {readFileSync} from 'node:fs';
import {InputError} from '../domain/errors.js';
import type {Inventory} from '../domain/inventory-types.js';
import {inventoryHosts} from '../runner/inventory-hosts.js';
import {parseInventory} from '../domain/inventory/parse-inventory.js';
import {openAnswersStore} from '../state/answers-store.js';
import {journalFile, listJournals, readJournalFile, resetJournal, type JournalData} from '../state/journal.js';
import {stateDirectory, statePaths} from '../state/paths.js';
import type {CommandContext, CommandHandler} from './command.js';

const usage = 'usage: snf-upgrade status [--reset] [--answers FILE] [--state-dir DIR]';

/** The inventory of --answers, else of the saved answers (only the inventory: no secret is needed to name the deployment). */
function knownInventory(context: CommandContext, stateDir: string): Inventory | undefined {
	const {answers} = context.flags;
	const store = openAnswersStore(stateDir);
	const [raw, fileName] = answers === undefined ? [store.load()?.inventory, store.path] : [readInventory(answers), answers];
	return raw === undefined || raw === null ? undefined : parseInventory(raw, fileName);
}

function readInventory(file: string): unknown {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		throw new InputError(`cannot read the answers file ${file}: ${(error as Error).message}`, usage);
	}

	try {
		return (JSON.parse(text.replace(/^\uFEFF/, '')) as {inventory?: unknown}).inventory;
	} catch {
		throw new InputError(`${file}: not valid JSON`, 'snf-upgrade plan --answers FILE shows where.');
	}
}

function whichJournal(context: CommandContext, journals: string, stateDir: string): string | undefined {
	const inventory = knownInventory(context, stateDir);
	if (inventory !== undefined) {
		return journalFile(journals, inventoryHosts(inventory).map(host => host.label));
	}

	const all = listJournals(journals);
	if (all.length > 1) {
		throw new InputError(`status: ${all.length} deployments have journals in ${journals}, and no inventory says which one`, 'Give --answers FILE (its inventory names the deployment).');
	}

	return all[0];
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - text.length));

/** The journal as a step × host table. */
export function renderJournal(data: JournalData): string {
	const rows = Object.entries(data.steps).flatMap(([step, hosts]) => Object.entries(hosts).map(([host, entry]) => [
		step,
		host,
		entry.status,
		entry.exitCode === undefined || entry.exitCode === null ? '' : String(entry.exitCode),
		entry.endedAt ?? entry.startedAt ?? '',
		entry.detail ?? '',
	]));
	const header = ['STEP', 'HOST', 'STATUS', 'EXIT', 'WHEN', 'DETAIL'];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column]!.length)));
	const line = (row: readonly string[]) => row.map((cell, column) => (column === row.length - 1 ? cell : pad(cell, widths[column]!))).join('  ').trimEnd();
	const counts = new Map<string, number>();
	for (const row of rows) {
		counts.set(row[2]!, (counts.get(row[2]!) ?? 0) + 1);
	}

	const summary = [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
	const updated = typeof data.updatedAt === 'string' && data.updatedAt !== '' ? ` (updated ${data.updatedAt})` : '';
	return `${[line(header), ...rows.map(row => line(row))].join('\n')}\n\n${summary || 'nothing recorded yet'}${updated}\n`;
}

/** `snf-upgrade status [--reset]`: what the journal says, step × host; --reset starts over keeping the old journal as a backup. */
const status: CommandHandler = async context => {
	if (context.input.length > 0) {
		throw new InputError(`status: unexpected argument '${context.input[0]!}'`, usage);
	}

	const paths = statePaths(stateDirectory(context.flags.stateDir, context.env));
	const file = whichJournal(context, paths.journals, paths.root);
	if (context.flags.reset) {
		const backup = file === undefined ? undefined : resetJournal(file);
		context.stdout.write(backup === undefined ? 'Nothing to reset: there is no journal for this deployment.\n' : `Started over: the old journal is kept as ${backup}.\n`);
		return 0;
	}

	const data = file === undefined ? undefined : readJournalFile(file);
	if (data === undefined) {
		context.stdout.write(`No journal yet${file === undefined ? '' : ` (${file})`}: nothing has run for this deployment.\n`);
		return 0;
	}

	context.stdout.write(`Journal ${file!}\n${renderJournal(data)}`);
	return 0;
};

export default status;
