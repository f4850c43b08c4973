import {describe, expect, it} from 'vitest';
import {answerDisagreements, hostDefaultsFrom, hostsDisagree} from '../../../source/domain/answers/host-agreement.js';
import type {HostValues} from '../../../source/domain/answers/host-values.js';

const values: HostValues = {
	observations: [
		{key: 'astakosBaseUrl', host: 'cyclades', value: 'https://accounts.test/', source: 'ASTAKOS_BASE_URL in force on cyclades, set in /etc/synnefo/20-snf-cyclades-app-api.conf'},
		{key: 'astakosBaseUrl', host: 'pithos', value: 'https://accounts.test', source: 'ASTAKOS_BASE_URL in force on pithos, set in /etc/synnefo/20-snf-pithos-app-settings.conf'},
		{key: 'shibbolethEnabled', host: 'astakos', value: false, source: 'ASTAKOS_IM_MODULES is set by no file on astakos: the code default'},
		{key: 'quotaFloatingIp', host: 'astakos', value: 'inf', source: 'default quota of cyclades.floating_ip in snf-manage resource-list on astakos'},
	],
	problems: [],
};

describe('answers and the hosts', () => {
	it('a default when the hosts agree (URLs compared without trailing slashes), naming every host', () => {
		const defaults = hostDefaultsFrom(values);
		expect(defaults.get('astakosBaseUrl')).toEqual({value: 'https://accounts.test/', source: 'ASTAKOS_BASE_URL in force on cyclades, set in /etc/synnefo/20-snf-cyclades-app-api.conf; the same on pithos'});
		expect(hostsDisagree(values)).toEqual([]);
	});

	it('no default when the hosts disagree, and a message naming both', () => {
		const split: HostValues = {observations: [values.observations[0]!, {...values.observations[1]!, value: 'https://other.test/'}], problems: []};
		expect(hostDefaultsFrom(split).has('astakosBaseUrl')).toBe(false);
		expect(hostsDisagree(split)[0]?.message).toBe("astakosBaseUrl: the hosts disagree: 'https://accounts.test/' (ASTAKOS_BASE_URL in force on cyclades, set in /etc/synnefo/20-snf-cyclades-app-api.conf) but 'https://other.test/' (ASTAKOS_BASE_URL in force on pithos, set in /etc/synnefo/20-snf-pithos-app-settings.conf)");
	});

	it('a given answer that differs: refuse for deployment facts, warn for shibboleth, nothing for a quota to change', () => {
		const found = answerDisagreements({astakosBaseUrl: 'https://wrong.test/', shibbolethEnabled: true, quotaFloatingIp: '2'}, values);
		expect(found.map(entry => [entry.key, entry.host.host, entry.severity])).toEqual([['astakosBaseUrl', 'cyclades', 'refuse'], ['astakosBaseUrl', 'pithos', 'refuse'], ['shibbolethEnabled', 'astakos', 'warn']]);
		expect(found[0]!.message).toBe("astakosBaseUrl: your answer is 'https://wrong.test/' (answers file, saved answers or --set) but ASTAKOS_BASE_URL in force on cyclades, set in /etc/synnefo/20-snf-cyclades-app-api.conf says 'https://accounts.test/'");
		expect(answerDisagreements({astakosBaseUrl: 'https://accounts.test'}, values)).toEqual([]);
		expect(answerDisagreements({}, values)).toEqual([]);
	});
});
