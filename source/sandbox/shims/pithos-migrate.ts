import path from 'node:path';
import {pithosRevisions} from '../migrations.js';
import {readSettings} from '../python-settings.js';
import {loadState, updateState} from '../state.js';
import {releaseOf} from '../versions.js';
import type {ShimContext} from './context.js';

const chain: readonly string[] = [pithosRevisions.old, ...pithosRevisions.chain15];
const descriptions: Readonly<Record<string, string>> = {
	[pithosRevisions.old]: 'alter public add column url',
	'54dbdde2d187': 'add mapfile_id sequence',
	'301fba21d9b8': 'add node mapfile prefix',
};

/** `pithos-migrate upgrade head | current | initdb` (alembic 0.3 wrapper, facts §3.13). */
export default async function pithosMigrate(context: ShimContext): Promise<number> {
	const state = loadState(context.sandbox);
	const release = releaseOf(state, context.host, 'snf-pithos-backend');
	if (!release) {
		context.err('sh: 1: pithos-migrate: not found\n');
		return 127;
	}

	const settingsDir = context.env['SYNNEFO_SETTINGS_DIR'] ?? path.join('/etc', 'synnefo');
	const settings = readSettings(settingsDir, ['PITHOS_BACKEND_DB_CONNECTION', 'BACKEND_DB_CONNECTION']);
	if (!settings.ok) {
		context.err(`${settings.message}\n`);
		return 1;
	}

	const url = String(settings.values['PITHOS_BACKEND_DB_CONNECTION'] ?? settings.values['BACKEND_DB_CONNECTION'] ?? 'sqlite:////tmp/_pithos_backend.db').replace(/:\/\/([^:/@]+):[^@]*@/, '://$1:XXXXX@');
	const head = release === '0.15' ? pithosRevisions.head : pithosRevisions.old;
	const [command, target] = context.args;
	switch (command) {
		case 'current': {
			const current = state.pithosRevision;
			const index = chain.indexOf(current);
			const previous = index > 0 ? `${chain[index - 1]} -> ` : 'None -> ';
			context.out(`Current revision for ${url}: ${previous}${current}${current === head ? ' (head)' : ''}, ${descriptions[current] ?? ''}\n`);
			return 0;
		}

		case 'upgrade': {
			if (target !== 'head' && !chain.includes(target ?? '')) {
				context.err(`Error: No such revision '${target ?? ''}'\n`);
				return 1;
			}

			const goal = target === 'head' ? head : target!;
			if (chain.indexOf(goal) > chain.indexOf(head)) {
				context.err(`Error: No such revision '${goal}'\n`);
				return 1;
			}

			context.err('INFO  [alembic.migration] Context impl PostgresqlImpl.\nINFO  [alembic.migration] Will assume transactional DDL.\n');
			updateState(context.sandbox, current => {
				for (let index = chain.indexOf(current.pithosRevision) + 1; index <= chain.indexOf(goal); index++) {
					context.err(`INFO  [alembic.migration] Running upgrade ${chain[index - 1]} -> ${chain[index]}\n`);
					current.pithosRevision = chain[index]!;
				}
			});
			return 0;
		}

		case 'initdb': {
			context.out('Initializing db.\nDB initialized.\n');
			return 1;
		}

		default: {
			context.err('usage: pithos-migrate [-h] [-c CONFIG] [-n NAME] {branches,current,downgrade,history,init,initdb,list_templates,revision,splice,stamp,upgrade} ...\n');
			return 2;
		}
	}
}
