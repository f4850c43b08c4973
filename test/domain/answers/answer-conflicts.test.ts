import {describe, expect, it} from 'vitest';
import {answerConflicts} from '../../../source/domain/answers/answer-conflicts.js';
import {resolveAnswers} from '../../../source/domain/answers/resolve-answers.js';

describe('answerConflicts', () => {
	it.each([
		[{}, []],
		[{vncStrict: true, vncCaCert: '/etc/ssl/ca.pem', vncEnableSsl: true}, []],
		[{vncStrict: true}, ['vncStrict is true but vncCaCert is not set']],
		[{ipolicyMinNicCount: 40}, ['ipolicyMinNicCount (40) is greater than ipolicyMaxNicCount (32)']],
		[{ipolicyMinNicCount: 2, ipolicyMaxNicCount: 2}, []],
	] as const)('%j', (given, expected) => {
		const problems = answerConflicts(resolveAnswers(given));
		expect(problems).toHaveLength(expected.length);
		for (const [index, start] of expected.entries()) {
			expect(problems[index]?.startsWith(start)).toBe(true);
		}
	});
});
