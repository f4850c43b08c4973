import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import type {ShimContext} from './context.js';

const checker = String.raw`
import sys, xml.dom.minidom
from xml.parsers.expat import ExpatError, ErrorString
try:
    document = xml.dom.minidom.parse(sys.argv[1])
except ExpatError as error:
    print('fatal error on line %d, column %d, message: %s' % (error.lineno, error.offset + 1, ErrorString(error.code)))
    sys.exit(2)
elements = [node for node in document.getElementsByTagName('*') if node.localName == 'ApplicationDefaults']
if not elements:
    print('no ApplicationDefaults element found')
    sys.exit(3)
if not elements[0].hasAttribute('REMOTE_USER'):
    print("attribute 'REMOTE_USER' is missing from element 'ApplicationDefaults'")
    sys.exit(3)
`;

const stamp = () => new Date().toISOString().replace('T', ' ').slice(0, 19);

/** The shibd -t verdict for a configuration file: exit code and the lines shibd prints. */
export function shibdCheck(file: string): {code: number; stdout: string; stderr: string} {
	if (!fs.existsSync(file)) {
		return {code: 254, stdout: `${stamp()} ERROR XMLTooling.ParserPool : fatal error: Unable to access local file (${file})\n`, stderr: '<3>configuration is invalid, check console or log for specific problems\n'};
	}

	const result = spawnSync('python3', ['-c', checker, file], {encoding: 'utf8'});
	if (result.status === 0) {
		return {code: 0, stdout: '', stderr: 'overall configuration is loadable, check console or log for non-fatal problems\n'};
	}

	const detail = result.stdout.trim() || result.stderr.trim();
	return {
		code: 254,
		stdout: `${stamp()} ERROR XMLTooling.ParserPool : ${detail}\n${stamp()} FATAL Shibboleth.Config : caught exception while loading configuration: XML error(s) during parsing, check log for specifics\n`,
		stderr: '<3>configuration is invalid, check console or log for specific problems\n',
	};
}

/** shibd -t -c FILE: checks the configuration without starting the daemon (real-hosts §3). */
export default async function shibd(context: ShimContext): Promise<number> {
	const args = context.args;
	const configIndex = args.indexOf('-c');
	if (!args.includes('-t') || configIndex === -1 || !args[configIndex + 1]) {
		context.err('shibd (sandbox): only `shibd -t -c FILE` is simulated; use `service shibd start|restart`\n');
		return 1;
	}

	const verdict = shibdCheck(args[configIndex + 1]!);
	context.out(verdict.stdout);
	context.err(verdict.stderr);
	return verdict.code;
}
