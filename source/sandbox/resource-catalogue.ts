import type {Resource} from './state-types.js';

/** 2**63-1: Astakos' infinite quota. */
export const infinite = '9223372036854775807';

export interface ResourceDefinition {
	readonly name: string;
	readonly desc: string;
	readonly service_type: string;
	readonly service_origin: string;
	readonly unit?: string;
	readonly api_visible?: boolean;
	readonly ui_visible?: boolean;
}

export interface ServiceDefinition {
	readonly component: string;
	readonly type: string;
	readonly prefix: string;
	readonly public: boolean;
	readonly endpoints: ReadonlyArray<{readonly versionId: string; readonly publicURL: string | null}>;
	readonly resources?: Readonly<Record<string, ResourceDefinition>>;
}

const resource = (name: string, desc: string, type: string, origin: string, extra: Partial<ResourceDefinition> = {}): ResourceDefinition => ({name, desc, service_type: type, service_origin: origin, ...extra});
const hidden = {api_visible: false, ui_visible: false};

/** Synnefo 0.15 service and resource definitions per component (what snf-service-export prints). */
export function serviceDefinitions(component: string, baseUrl: string): Record<string, ServiceDefinition> | undefined {
	const base = baseUrl.replace(/\/+$/, '');
	const service = (type: string, prefix: string, version: string, isPublic: boolean, resources?: Record<string, ResourceDefinition>): ServiceDefinition => ({
		component,
		type,
		prefix,
		public: isPublic,
		endpoints: [{versionId: version, publicURL: `${base}/${prefix}${version ? `/${version}` : ''}`}],
		...(resources ? {resources} : {}),
	});
	switch (component) {
		case 'astakos': {
			return {
				astakos_account: service('account', 'account', 'v1.0', false, {pending_app: resource('astakos.pending_app', 'Number of pending project applications', 'account', 'astakos_account', hidden)}),
				astakos_identity: service('identity', 'identity', 'v2.0', true),
				astakos_weblogin: service('astakos_weblogin', 'weblogin', '', true),
				astakos_ui: service('astakos_ui', 'ui', '', false),
				astakos_oauth2: service('astakos_auth', 'oauth2', 'v1.0', true),
			};
		}

		case 'cyclades': {
			return {
				cyclades_compute: service('compute', 'compute', 'v2.0', true, {
					vm: resource('cyclades.vm', 'Number of virtual machines', 'compute', 'cyclades_compute'),
					total_cpu: resource('cyclades.total_cpu', 'Number of virtual machine processors', 'compute', 'cyclades_compute', hidden),
					cpu: resource('cyclades.cpu', 'Number of virtual machine processors of running servers', 'compute', 'cyclades_compute'),
					total_ram: resource('cyclades.total_ram', 'Virtual machine memory size', 'compute', 'cyclades_compute', {unit: 'bytes', ...hidden}),
					ram: resource('cyclades.ram', 'Virtual machine memory size of running servers', 'compute', 'cyclades_compute', {unit: 'bytes'}),
					disk: resource('cyclades.disk', 'Virtual machine disk size', 'compute', 'cyclades_compute', {unit: 'bytes'}),
				}),
				cyclades_plankton: service('image', 'image', 'v1.0', true),
				cyclades_network: service('network', 'network', 'v2.0', true, {
					'network-private': resource('cyclades.network.private', 'Number of private networks', 'network', 'cyclades_network'),
					'floating_ip': resource('cyclades.floating_ip', 'Number of Floating IP addresses', 'network', 'cyclades_network'),
				}),
				cyclades_vmapi: service('vmapi', 'vmapi', 'v1.0', true),
				cyclades_helpdesk: service('cyclades_helpdesk', 'helpdesk', '', false),
				cyclades_userdata: service('cyclades_userdata', 'userdata', '', false),
				cyclades_admin: service('admin', 'admin', '', true),
				cyclades_ui: service('cyclades_ui', 'ui', '', false),
			};
		}

		case 'pithos': {
			return {
				'pithos_object-store': service('object-store', 'object-store', 'v1', true, {
					diskspace: resource('pithos.diskspace', 'Pithos account quota', 'object-store', 'pithos_object-store', {unit: 'bytes'}),
				}),
				pithos_public: service('pithos_public', 'public', '', true),
				pithos_ui: service('pithos_ui', 'ui', '', false),
			};
		}

		default: {
			return undefined;
		}
	}
}

/** The resources a 0.14.10 deployment has registered, with the quotas its admin chose. */
export function resources14(): Resource[] {
	const row = (id: number, name: string, serviceType: string, origin: string, unit: string | null, defaultQuota: string, description: string, visible = true): Resource => ({
		id,
		name,
		serviceType,
		serviceOrigin: origin,
		unit,
		defaultQuota,
		description,
		apiVisible: visible,
		uiVisible: visible,
	});
	return [
		row(1, 'astakos.pending_app', 'account', 'astakos_account', null, '0', 'Number of pending project applications', false),
		row(2, 'cyclades.vm', 'compute', 'cyclades_compute', null, '2', 'Number of virtual machines'),
		row(3, 'cyclades.cpu', 'compute', 'cyclades_compute', null, '8', 'Number of virtual machine processors'),
		row(4, 'cyclades.ram', 'compute', 'cyclades_compute', 'bytes', '8589934592', 'Virtual machine memory size'),
		row(5, 'cyclades.disk', 'compute', 'cyclades_compute', 'bytes', '107374182400', 'Virtual machine disk size'),
		row(6, 'cyclades.network.private', 'compute', 'cyclades_compute', null, '1', 'Number of private networks'),
		row(7, 'pithos.diskspace', 'object-store', 'pithos_object-store', 'bytes', '21474836480', 'Pithos account quota'),
	];
}
