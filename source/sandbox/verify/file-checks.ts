import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {verifySha512Crypt} from '../sha512-crypt.js';
import {check} from './check.js';
import type {Check, VerifyInput} from './check.js';

const remoteUserOf = String.raw`
import sys, xml.dom.minidom
document = xml.dom.minidom.parse(sys.argv[1])
for node in document.getElementsByTagName('*'):
    if node.localName == 'ApplicationDefaults':
        sys.stdout.write(node.getAttribute('REMOTE_USER') if node.hasAttribute('REMOTE_USER') else '<none>')
        break
`;

const mtime = (file: string) => (fs.existsSync(file) ? Math.floor(fs.statSync(file).mtimeMs) : 0);

/** Live (uncommented) assignments of a shell variables file such as /etc/default/vncauthproxy. */
function shellVariables(file: string): Record<string, string> {
	const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	return Object.fromEntries([...text.matchAll(/^\s*([A-Z_]+)=(?:"([^"]*)"|'([^']*)'|(\S*))\s*$/gm)].map(match => [match[1]!, match[2] ?? match[3] ?? match[4] ?? '']));
}

/** The vncauthproxy users file, its defaults file and shibboleth2.xml, and whether the daemons were restarted after their edits. */
export function fileChecks({directory, state, answers}: VerifyInput): Check[] {
	const checks: Check[] = [];
	const vncHost = state.roles.vncauthproxy;
	const usersFile = path.join(directory, vncHost, answers.vncauthproxyUsersFile);
	const lines = fs.existsSync(usersFile) ? fs.readFileSync(usersFile, 'utf8').split('\n').filter(Boolean) : [];
	const line = lines.find(entry => entry.split(':')[0] === answers.vncUser);
	const hash = line?.slice(answers.vncUser.length + 1) ?? '';
	const hashOk = /^\$6\$[^$]{16}\$[./0-9A-Za-z]{86}$/.test(hash) && verifySha512Crypt(answers.vncPassword, hash);
	checks.push(check('vncauthproxy users file holds the user with a SHA-512 crypt hash of the password', hashOk, line ? `the line for '${answers.vncUser}' ${/^\$6\$/.test(hash) ? 'does not match the password' : 'is not a $6$ (SHA-512) hash'}` : `${usersFile} has no line for '${answers.vncUser}'`));
	const vnc = state.hosts[vncHost]?.services['vncauthproxy'];
	checks.push(check('vncauthproxy restarted after the users file changed', Boolean(vnc?.running && vnc.startedAt >= mtime(usersFile) && mtime(usersFile) > 0), vnc?.running ? 'the daemon still runs with the users file it read before the change' : 'vncauthproxy is not running'));

	const defaults = shellVariables(path.join(directory, vncHost, answers.vncauthproxyDefaultsFile));
	checks.push(check('CHUID in /etc/default/vncauthproxy', defaults['CHUID'] === answers.vncauthproxyChuid, `expected CHUID="${answers.vncauthproxyChuid}", found ${defaults['CHUID'] === undefined ? 'no live CHUID line' : `CHUID="${defaults['CHUID']}"`}`));
	if (defaults['DAEMON_OPTS'] !== undefined) {
		checks.push(check('DAEMON_OPTS keeps --pid-file', defaults['DAEMON_OPTS'].includes('--pid-file'), `DAEMON_OPTS="${defaults['DAEMON_OPTS']}"`));
	}

	const shibboleth = path.join(directory, state.roles.astakos, answers.shibbolethConfig);
	const parsed = spawnSync('python3', ['-c', remoteUserOf, shibboleth], {encoding: 'utf8'});
	const remoteUser = parsed.status === 0 ? parsed.stdout : undefined;
	checks.push(check('REMOTE_USER in shibboleth2.xml', remoteUser === answers.shibbolethRemoteUser, remoteUser === undefined ? `cannot parse ${shibboleth}` : `expected "${answers.shibbolethRemoteUser}", found "${remoteUser}"`));
	const shibd = state.hosts[state.roles.astakos]?.services['shibd'];
	checks.push(check('shibd restarted after shibboleth2.xml changed', Boolean(shibd?.running && shibd.startedAt >= mtime(shibboleth)), shibd?.running ? 'shibd still runs with the old configuration' : 'shibd is not running'));
	return checks;
}
