import {describe, expect, it} from 'vitest';
import {derivedPreview, questionFor, sectionQuestions} from '../../../source/domain/answers/questions.js';
import {answerSpecs} from '../../../source/domain/answers-schema.js';

const spec = (key: string) => answerSpecs.find(candidate => candidate.key === key)!;

describe('question metadata beside the answers schema', () => {
	it('gives every answer a prompt kind from its type, with the overrides the wizard needs', () => {
		expect(questionFor(spec('vncEnableSsl')).kind).toBe('yes-no');
		expect(questionFor(spec('vncPassword')).kind).toBe('secret');
		expect(questionFor(spec('aptConffiles')).kind).toBe('choice');
		expect(questionFor(spec('floatingIpPoolNetworks'))).toMatchObject({kind: 'multi-select', optionsFromHost: true});
		expect(questionFor(spec('quotaFloatingIp')).kind).toBe('text');
	});

	it('REMOTE_USER offers keep eppn, the persistent-id set and a custom value', () => {
		const question = questionFor(spec('shibbolethRemoteUser'));
		expect(question.kind).toBe('choice');
		expect(question.choices?.map(choice => choice.value)).toEqual(['eppn', 'persistent-nameid persistent-id targeted-id', '']);
		expect(question.choices?.[2]?.custom).toBe(true);
	});

	it('knows which derived answers follow a value as it is typed (ASTAKOS_AUTH_URL follows the base URL)', () => {
		expect(questionFor(spec('astakosBaseUrl')).drives).toEqual(['astakosAuthUrl']);
		expect(questionFor(spec('pithosBaseUrl')).drives).toEqual(['pithosOauthRedirectUrl']);
		expect(derivedPreview('astakosAuthUrl', key => (key === 'astakosBaseUrl' ? 'https://accounts.example.org/' : undefined))).toBe('https://accounts.example.org/identity/v2.0');
	});

	it('asks every answer of every section exactly once, in the schema order', () => {
		const sectionsOfSpecs = [...new Set(answerSpecs.map(candidate => candidate.section))];
		const asked = sectionsOfSpecs.flatMap(section => sectionQuestions(section).map(question => question.spec.key));
		expect(asked.sort()).toEqual(answerSpecs.map(candidate => candidate.key).sort());
		expect(sectionQuestions('auth-url').map(question => question.spec.key)).toEqual(['astakosBaseUrl', 'astakosAuthUrl']);
	});
});
