import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {helpText} from '../source/cli-options.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

function fencedBlockAfter(heading: string, language = ''): string {
	const start = readme.indexOf(heading);
	expect(start, `README has "${heading}"`).toBeGreaterThanOrEqual(0);
	const open = readme.indexOf('```' + language + '\n', start) + language.length + 4;
	return readme.slice(open, readme.indexOf('\n```', open));
}

describe('README', () => {
	it('shows the help text verbatim as its usage', () => {
		expect(fencedBlockAfter('## Usage')).toContain(helpText.trim());
	});

	it('shows the example answers file the plan tests use', () => {
		const example = fencedBlockAfter('An example answers file', 'json');
		const fixture = readFileSync(new URL('fixtures/plan/example-answers.json', import.meta.url), 'utf8');
		expect(JSON.parse(example)).toEqual(JSON.parse(fixture));
	});

	it('shows the two set-up commands, the test command among them', () => {
		const setup = fencedBlockAfter('## Set-up on a fresh machine', 'sh');
		expect(setup.split('\n').filter(line => line.trim() !== '')).toHaveLength(2);
		expect(setup).toContain('npm start');
		expect(setup).toContain('.ci/run');
	});
});
