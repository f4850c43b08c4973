import {argv} from '../domain/steps/builders.js';
import {parseResourceDefaults} from '../domain/parsers/resource-list.js';
import {readCommand, type ReadContext, type Reading} from './read-command.js';

/** Resource name → default base quota (a plain number or `inf`), from the Astakos host (`snf-manage resource-list`). */
export async function readResourceDefaults(context: ReadContext): Promise<Reading<Map<string, string>>> {
	return readCommand(context, 'snf-manage resource-list', argv('snf-manage', 'resource-list', '--unit-style', 'none', '--output-format', 'json'), parseResourceDefaults);
}
