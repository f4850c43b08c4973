import {parseSnfManageJson} from './snf-manage-json.js';

export interface BackendRow {
	readonly id: string;
	readonly clustername: string;
	readonly drained: boolean;
	readonly offline: boolean;
}

/** The fields the backend reader asks for (present at 0.14.10 and 0.15). */
export const backendFields = ['id', 'clustername', 'drained', 'offline'] as const;

function flag(value: string | undefined, field: string): boolean {
	if (value === 'True' || value === 'False') {
		return value === 'True';
	}

	throw new Error(`snf-manage backend-list printed ${field} ${JSON.stringify(value ?? null)}, not True or False.`);
}

/** `snf-manage backend-list -o id,clustername,drained,offline --output-format json`. */
export function parseBackends(stdout: string): BackendRow[] {
	return parseSnfManageJson(stdout, 'backend-list').map(row => {
		if (row['id'] === undefined || row['clustername'] === undefined) {
			throw new Error('snf-manage backend-list printed a row without id and clustername.');
		}

		return {id: row['id'], clustername: row['clustername'], drained: flag(row['drained'], 'drained'), offline: flag(row['offline'], 'offline')};
	});
}
