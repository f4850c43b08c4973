/** The runbook's sections, in order. The id is what --only/--skip take (the number works too). */
export type SectionId =
	| 'pre-upgrade'
	| 'services-down'
	| 'packages'
	| 'migrate'
	| 'auth-url'
	| 'oauth'
	| 'vncauthproxy'
	| 'stats'
	| 'shibboleth'
	| 'floating-ips'
	| 'register'
	| 'quotas'
	| 'quotaholder'
	| 'services-up';

export interface SectionInfo {
	readonly id: SectionId;
	/** The runbook's numbering: "0", "1", "2.1" … "5". */
	readonly number: string;
	readonly title: string;
	/** Optional sections can be skipped by the admin without breaking the upgrade. */
	readonly optional: boolean;
}

export const sections: readonly SectionInfo[] = [
	{id: 'pre-upgrade', number: '0', title: 'Before the upgrade: NIC names, public networks, Ganeti policy', optional: false},
	{id: 'services-down', number: '1', title: 'Bring web services down, back up databases', optional: false},
	{id: 'packages', number: '2.1', title: 'Install the v0.15 packages', optional: false},
	{id: 'migrate', number: '2.2', title: 'Sync and migrate the databases', optional: false},
	{id: 'auth-url', number: '2.3', title: 'Configure the Astakos authentication URL', optional: false},
	{id: 'oauth', number: '2.4', title: 'Register the Pithos view as an OAuth 2.0 client', optional: false},
	{id: 'vncauthproxy', number: '2.5', title: 'Upgrade vncauthproxy and configure Cyclades for it', optional: false},
	{id: 'stats', number: '2.6', title: 'Stats configuration', optional: true},
	{id: 'shibboleth', number: '2.7', title: 'Shibboleth configuration', optional: true},
	{id: 'floating-ips', number: '3', title: 'Create floating IP pools', optional: false},
	{id: 'register', number: '4.1', title: 'Re-register services and resources', optional: false},
	{id: 'quotas', number: '4.2', title: 'Resource defaults and base quotas', optional: false},
	{id: 'quotaholder', number: '4.3', title: 'Update the quotaholder', optional: false},
	{id: 'services-up', number: '5', title: 'Bring all services up', optional: false},
];
