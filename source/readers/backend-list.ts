import {argv} from '../domain/steps/builders.js';
import {backendFields, parseBackends, type BackendRow} from '../domain/parsers/backend-list.js';
import {readCommand, type ReadContext, type Reading} from './read-command.js';

/** The Ganeti backends Cyclades knows, drained and offline flags included (`snf-manage backend-list`). */
export async function readBackends(context: ReadContext): Promise<Reading<BackendRow[]>> {
	return readCommand(context, 'snf-manage backend-list', argv('snf-manage', 'backend-list', '-o', backendFields.join(','), '--output-format', 'json'), parseBackends);
}
