import {describe, expect, it} from 'vitest';
import {parseAnswersDocument} from '../../../source/domain/answers/answers-document.js';
import {applySetFlags} from '../../../source/domain/answers/set-flags.js';
import {validateAnswer} from '../../../source/domain/answers/validate-answer.js';
import {answerSpecs} from '../../../source/domain/answers-schema.js';
import {inputErrorOf} from '../../helpers/input-error.js';

const textSpecs = answerSpecs.filter(spec => spec.type === 'string' && spec.choices === undefined);
const listSpecs = answerSpecs.filter(spec => spec.type === 'list');

describe('no text answer can start with "-" (commands would take it as an option)', () => {
	it.each(textSpecs.flatMap(spec => ['--help', '-Efoo', ' -x'].map(value => [spec.key, value] as const)))('%s = %j', (key, value) => {
		const spec = answerSpecs.find(candidate => candidate.key === key)!;
		const result = validateAnswer(spec, value);
		expect(result).toEqual({ok: false, expected: expect.stringContaining("not starting with '-'") as unknown});
	});

	it.each(listSpecs.map(spec => [spec.key] as const))('%s: an item "-1"', key => {
		const spec = answerSpecs.find(candidate => candidate.key === key)!;
		const result = validateAnswer(spec, ['-1']);
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.expected).toContain("not starting with '-'");
	});

	it('--set pithosOauthClientId=--help is refused, naming the rule', () => {
		const error = inputErrorOf(() => applySetFlags({}, ['pithosOauthClientId=--help'], {}));
		expect(error.message).toBe("--set pithosOauthClientId=--help: expected letters, digits, ., _ or -, not starting with '-' (a command would take it as an option), got \"--help\"");
	});

	it('an ordinary value with a dash inside is still accepted', () => {
		expect(applySetFlags({}, ['pithosOauthClientId=pithos-view', 'vncServerAddress=vnc-1.example.org'], {})).toEqual({pithosOauthClientId: 'pithos-view', vncServerAddress: 'vnc-1.example.org'});
	});
});

describe('inventory logins and hosts cannot start with "-"', () => {
	const inventory = {astakos: 'root@a', cyclades: 'root@c', pithos: 'root@p', ganeti: [{name: 'g1', master: 'root@g1'}]};
	const parse = (astakos: unknown) => parseAnswersDocument(JSON.stringify({version: 1, inventory: {...inventory, astakos}}), 'answers.json', {});

	it.each([
		['-Efoo@accounts.example.org'],
		['-oProxyCommand=id@accounts.example.org'],
		['-accounts.example.org'],
		['root@-oProxyCommand=id'],
		['root@-h'],
		[{ssh: '-l@accounts'}],
	])('%j is refused', astakos => {
		expect(inputErrorOf(() => parse(astakos)).message).toMatch(/^answers\.json: inventory\.astakos(\.ssh)?: expected an SSH target/);
	});

	it.each([
		['admin@accounts.example.org', 'admin', 'accounts.example.org'],
		['a-dmin@accounts-1.example.org:2222', 'a-dmin', 'accounts-1.example.org'],
		['_svc@[2001:db8::1]', '_svc', '2001:db8::1'],
	])('%s is accepted', (astakos, user, host) => {
		expect(parse(astakos).inventory?.astakos.target).toMatchObject({kind: 'ssh', user, host});
	});
});
