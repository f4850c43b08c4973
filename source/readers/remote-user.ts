import {argv} from '../domain/steps/builders.js';
import {hostPath} from '../domain/plan/plan-context.js';
import {parseRemoteUser} from '../domain/parsers/remote-user.js';
import {readCommand, type ReadContext, type Reading} from './read-command.js';

/** The REMOTE_USER of ApplicationDefaults in the Astakos host's shibboleth2.xml (read with cat, as root). */
export async function readRemoteUser(context: ReadContext, file: string): Promise<Reading<string | undefined>> {
	return readCommand(context, `REMOTE_USER in ${file}`, argv('cat', '--', hostPath(context.executor.host, file)), parseRemoteUser);
}
