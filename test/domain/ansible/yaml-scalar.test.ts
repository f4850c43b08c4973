import {describe, expect, it} from 'vitest';
import {unsafe, yamlLines} from '../../../source/domain/ansible/yaml-emit.js';
import {unsafeString, yamlString} from '../../../source/domain/ansible/yaml-scalar.js';
import {pyYaml} from '../../helpers/py-yaml.js';

const hostile: ReadonlyArray<readonly [string, string]> = [
	['empty', ''],
	['Jinja expression', "{{ lookup('pipe', 'touch /tmp/pwned') }}"],
	['Jinja statement and comment', '{% for x in y %}{# c #}'],
	['quotes and backslashes', String.raw`"it's" \n \\ \"`],
	['YAML indicators', '- [a, b]: {c: d} # e & *f !g | > % @ `'],
	['booleans and numbers YAML 1.1 would convert', 'yes'],
	['a number', '0o17'],
	['null', '~'],
	['newlines, tabs, CR', 'a\nb\tc\r\nd\n'],
	['control characters and DEL', '\u0000\u0001\u001B[31m\u007F\u0085'],
	['line and paragraph separators, BOM', '\u2028\u2029\uFEFF'],
	['non-ASCII and astral', 'κωδικός ✓ 🚀'],
	['leading and trailing spaces', '  x  '],
	['document markers', '---\n...\n'],
];

describe('YAML scalars for the Ansible export', () => {
	it.each(hostile)('yamlString keeps %s exact through PyYAML', (_name, text) => {
		expect(pyYaml(`v: ${yamlString(text)}\n`)).toEqual({v: text});
	});

	it.each(hostile)('unsafeString keeps %s exact and tags it !unsafe', (_name, text) => {
		expect(pyYaml(`v: ${unsafeString(text)}\n`)).toEqual({v: {unsafe: text}});
	});

	it('writes only printable ASCII, so no character can end the scalar or the line', () => {
		const all = Array.from({length: 0x3000}, (_, code) => String.fromCodePoint(code)).join('');
		const quoted = yamlString(all);
		expect(quoted).toMatch(/^"[\u0020-\u007E]*"$/);
		expect(pyYaml(`v: ${quoted}\n`)).toEqual({v: all});
	});

	it('emits nested mappings and lists that PyYAML reads back as built, hostile keys included', () => {
		const value = {
			plays: [{name: unsafe('a "b"\n{{ c }}'), hosts: 'x:y', tasks: [{'ansible.builtin.shell': {cmd: unsafe('echo $HOME')}, when: "inventory_hostname in ['a']"}], vars: {}, list: []}],
			'key: with # hostile\nchars': true,
			'123': 4,
			nested: [[1, 2], ['3']],
		};
		const parsed = pyYaml(`${yamlLines(value).join('\n')}\n`);
		expect(parsed).toEqual({
			plays: [{name: {unsafe: 'a "b"\n{{ c }}'}, hosts: 'x:y', tasks: [{'ansible.builtin.shell': {cmd: {unsafe: 'echo $HOME'}}, when: "inventory_hostname in ['a']"}], vars: {}, list: []}],
			'key: with # hostile\nchars': true,
			'123': 4,
			nested: [[1, 2], ['3']],
		});
	});
});
