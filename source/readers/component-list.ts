import {argv} from '../domain/steps/builders.js';
import {parseComponentUiUrls} from '../domain/parsers/component-list.js';
import {readCommand, type ReadContext, type Reading} from './read-command.js';

/** Component name → UI URL, from the Astakos host: `snf-manage component-list -o name,ui_url --output-format json`. */
export async function readComponentUiUrls(context: ReadContext): Promise<Reading<Map<string, string>>> {
	return readCommand(context, 'snf-manage component-list', argv('snf-manage', 'component-list', '-o', 'name,ui_url', '--output-format', 'json'), parseComponentUiUrls);
}
