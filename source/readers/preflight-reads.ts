import type {Host} from '../domain/inventory-types.js';
import {parseShowIspecsCmd, type IpolicySpecs} from '../domain/parsers/ispecs.js';
import {parseDfAvailable, parseGanetiVersion, parseUserId} from '../domain/parsers/preflight-outputs.js';
import {hostPath} from '../domain/plan/plan-context.js';
import {shellQuote} from '../domain/shell-quote.js';
import {argv} from '../domain/steps/builders.js';
import {readCommand, type ReadContext, type Reading} from './read-command.js';

/** `id -u` as root (sudo -n for a non-root login): "0" when the host lets snf-upgrade act as root without a terminal. */
export async function readRootAccess(context: ReadContext): Promise<Reading<string>> {
	return readCommand(context, 'id -u as root', argv('id', '-u'), parseUserId);
}

/** The Ganeti version on a master (`gnt-cluster --version`). */
export async function readGanetiVersion(context: ReadContext): Promise<Reading<string>> {
	return readCommand(context, 'gnt-cluster --version', argv('gnt-cluster', '--version'), parseGanetiVersion);
}

/** The cluster's instance policy (`gnt-cluster show-ispecs-cmd`). */
export async function readIspecs(context: ReadContext): Promise<Reading<IpolicySpecs>> {
	return readCommand(context, 'gnt-cluster show-ispecs-cmd', argv('gnt-cluster', 'show-ispecs-cmd'), parseShowIspecsCmd);
}

/**
 * Free KiB for `directory` (`df -Pk` of the directory, or of its nearest existing parent when it does
 * not exist yet: the backup step creates it).
 */
export async function readFreeSpace(context: ReadContext, directory: string): Promise<Reading<number>> {
	const host: Host = context.executor.host;
	const script = `d=${shellQuote(hostPath(host, directory))}; while [ ! -d "$d" ]; do d=$(dirname -- "$d"); done; df -Pk -- "$d"`;
	return readCommand(context, `df -Pk ${directory}`, {pipeline: [{script}]}, parseDfAvailable);
}
