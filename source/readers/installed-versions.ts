import {dpkgQuery} from '../domain/steps/builders.js';
import {parseDpkgVersions} from '../domain/parsers/dpkg-query.js';
import {readCommand, type ReadContext, type Reading} from './read-command.js';

/**
 * Installed versions of these packages (`dpkg-query -W -f='${Package} ${Version}\n'`); a package that
 * is not installed is absent from the map (dpkg-query then exits 1 and says so on stderr).
 */
export async function readInstalledVersions(context: ReadContext, packages: readonly string[]): Promise<Reading<Map<string, string>>> {
	return readCommand(context, 'dpkg-query', dpkgQuery(packages), parseDpkgVersions, [0, 1]);
}
