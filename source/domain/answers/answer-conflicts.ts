import type {ResolvedAnswers} from './resolve-answers.js';

/**
 * Rules across several answers, checked on the resolved values (file, --set and defaults together).
 * Each problem is one sentence naming the keys; empty when consistent.
 */
export function answerConflicts(resolved: ResolvedAnswers): string[] {
	const problems: string[] = [];
	// vncauthproxy.client.request_forwarding raises when strict is set without ca_cert (facts §1.1).
	if (resolved.get('vncStrict') === true && resolved.get('vncCaCert') === undefined) {
		problems.push('vncStrict is true but vncCaCert is not set: Cyclades would fail every console request; give vncCaCert or set vncStrict to false');
	}

	const min = resolved.get('ipolicyMinNicCount');
	const max = resolved.get('ipolicyMaxNicCount');
	if (typeof min === 'number' && typeof max === 'number' && min > max) {
		problems.push(`ipolicyMinNicCount (${min}) is greater than ipolicyMaxNicCount (${max}); gnt-cluster modify would refuse the policy`);
	}

	return problems;
}
