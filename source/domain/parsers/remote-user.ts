import {getXmlAttribute} from '../transforms/shibboleth-xml.js';

/**
 * The REMOTE_USER attribute of <ApplicationDefaults> in shibboleth2.xml (facts §7): the attribute IDs,
 * space-separated; undefined when the element has no REMOTE_USER. Throws when there is no
 * ApplicationDefaults (not a Shibboleth SP configuration).
 */
export function parseRemoteUser(xml: string): string | undefined {
	return getXmlAttribute(xml, 'ApplicationDefaults', 'REMOTE_USER')?.trim().replaceAll(/\s+/g, ' ');
}
