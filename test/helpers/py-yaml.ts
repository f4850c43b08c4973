import {execFileSync} from 'node:child_process';

/** Parses YAML with PyYAML (Ansible's own parser), `!unsafe` read as {"unsafe": text}; returns the value as JSON. */
export function pyYaml(text: string): unknown {
	const program = [
		'import json, sys, yaml',
		'class Loader(yaml.SafeLoader): pass',
		'Loader.add_constructor("!unsafe", lambda loader, node: {"unsafe": loader.construct_scalar(node)})',
		'sys.stdout.write(json.dumps(yaml.load(sys.stdin.read(), Loader=Loader)))',
	].join('\n');
	return JSON.parse(execFileSync('python3', ['-c', program], {input: text, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024}));
}
