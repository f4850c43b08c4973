import {describe, expect, it} from 'vitest';
import {parseSnfManageJson} from '../../../source/domain/parsers/snf-manage-json.js';

// json.dumps(rows, indent=4) as Python 2.7 prints it (trailing spaces after commas).
const clientList = '[\n    {\n        "id": "1", \n        "identifier": "pithos-view", \n        "redirect_urls": "https://node2.example.com/pithos/ui/view", \n        "is_trusted": "True"\n    }\n]\n';

describe('parseSnfManageJson', () => {
	it('reads the list of string-valued objects', () => {
		expect(parseSnfManageJson(clientList, 'oauth2-client-list')).toEqual([
			{id: '1', identifier: 'pithos-view', redirect_urls: 'https://node2.example.com/pithos/ui/view', is_trusted: 'True'},
		]);
		expect(parseSnfManageJson('[]\n', 'network-list')).toEqual([]);
	});

	it('skips a warning line before the list and spells JSON scalars like str()', () => {
		expect(parseSnfManageJson('/usr/lib/python2.7/dist-packages/x.py:1: DeprecationWarning: y\n[{"a": true, "b": null, "c": 3}]', 'x-list'))
			.toEqual([{a: 'True', b: 'None', c: '3'}]);
	});

	it.each([
		['empty output', ''],
		['a pretty table', ' id  name\n---------\n  1  x\n'],
		['broken JSON', '[{"a": '],
		['not a list of objects', '[1, 2]'],
		['nested values', '[{"a": {"b": "c"}}]'],
	])('throws naming the command on %s', (_name, stdout) => {
		expect(() => parseSnfManageJson(stdout, 'resource-list')).toThrow(/snf-manage resource-list/);
	});
});
