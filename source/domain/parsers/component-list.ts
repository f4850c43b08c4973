import {parseSnfManageJson} from './snf-manage-json.js';

/**
 * `snf-manage component-list -o name,ui_url --output-format json` (facts §3.4; the same fields at
 * 0.14.10 and 0.15): component name → UI URL; a component without one ("None") is left out.
 */
export function parseComponentUiUrls(stdout: string): Map<string, string> {
	const urls = new Map<string, string>();
	for (const row of parseSnfManageJson(stdout, 'component-list')) {
		const name = row['name'];
		const url = row['ui_url'];
		if (name === undefined || url === undefined) {
			throw new Error('snf-manage component-list printed a row without name and ui_url.');
		}

		if (url !== 'None' && url !== '') {
			urls.set(name, url);
		}
	}

	return urls;
}
