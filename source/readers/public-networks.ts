import {argv} from '../domain/steps/builders.js';
import {parsePublicNetworks, publicNetworkFields, type PublicNetwork} from '../domain/parsers/network-list.js';
import {readCommand, type ReadContext, type Reading} from './read-command.js';

/** The public networks with link, mode and backends, from the Cyclades host (`snf-manage network-list --public`). */
export async function readPublicNetworks(context: ReadContext): Promise<Reading<PublicNetwork[]>> {
	return readCommand(context, 'snf-manage network-list --public', argv('snf-manage', 'network-list', '--public', '-o', publicNetworkFields.join(','), '--output-format', 'json'), parsePublicNetworks);
}
