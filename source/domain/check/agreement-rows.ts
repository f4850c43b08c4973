import {answerDisagreements, hostsDisagree} from '../answers/host-agreement.js';
import type {HostValues} from '../answers/host-values.js';
import type {Answers} from '../answer-types.js';
import {answerSpecs} from '../answers-schema.js';
import {preflightRow, type PreflightRow} from './check-types.js';

const refusing = new Set(answerSpecs.filter(spec => spec.fromHost?.onDisagreement === 'refuse').map(spec => spec.key));

/** The answers against the hosts: FAIL where `run` would refuse, WARN where plan and run warn (shibbolethEnabled). */
export function agreementRows(given: Answers, values: HostValues): PreflightRow[] {
	const rows = [
		...answerDisagreements(given, values).map(entry => preflightRow('answers agree with the hosts', entry.host.host, entry.severity === 'refuse' ? 'FAIL' : 'WARN', entry.message)),
		...hostsDisagree(values).map(entry => preflightRow('hosts agree', entry.observations.map(observation => observation.host).join(','), refusing.has(entry.key) ? 'FAIL' : 'WARN', entry.message)),
	];
	return rows.length > 0 ? rows : [preflightRow('answers agree with the hosts', '*', 'PASS', `${new Set(values.observations.map(observation => observation.key)).size} answers read from the hosts, none contradicted`)];
}
