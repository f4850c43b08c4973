import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {markDaemon, writeDpkgList} from '../daemon-files.js';
import {vncDefault14, vncDefault15} from '../files/vncauthproxy-default.js';
import {candidateVersion, oldVersion} from '../layout.js';
import {wrapperScript} from '../shim-programs.js';
import {loadState, updateState} from '../state.js';
import type {ShimContext} from './context.js';
import {replaceChangedConffiles} from './synnefo-conffiles.js';

const header = 'Reading package lists... Done\nBuilding dependency tree       \nReading state information... Done\n';

/** Services a package's postinst (re)starts (facts §6: installing packages starts services). */
const postinstStarts: Readonly<Record<string, readonly string[]>> = {
	'snf-webproject': ['gunicorn'],
	'snf-cyclades-app': ['gunicorn', 'snf-dispatcher'],
	'snf-cyclades-gtools': ['snf-ganeti-eventd'],
	'snf-vncauthproxy': ['vncauthproxy'],
};

const conffileName = '/etc/default/vncauthproxy';
const modifiedHeader = `\nConfiguration file \`${conffileName}'\n ==> Modified (by you or by a script) since installation.\n ==> Package distributor has shipped an updated version.\n`;

/**
 * dpkg's handling of the changed conffile /etc/default/vncauthproxy (dpkg(1) --force-conf*): an
 * unmodified file is replaced silently; for a modified one --force-confdef takes the default action
 * (keep it), even when --force-confnew is also given; otherwise --force-confnew installs the new
 * file, --force-confold keeps the old one, and without either dpkg asks.
 */
async function conffile(context: ShimContext, options: readonly string[]): Promise<boolean> {
	const file = path.join(context.sandbox, context.host, 'etc/default/vncauthproxy');
	const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : vncDefault14;
	const given = (name: string) => options.some(option => option.includes(name));
	const installNew = () => {
		if (current !== vncDefault14) {
			fs.writeFileSync(`${file}.dpkg-old`, current);
		}

		context.out(`Installing new version of config file ${conffileName} ...\n`);
		fs.writeFileSync(file, vncDefault15);
		return true;
	};

	const keepOld = () => {
		fs.writeFileSync(`${file}.dpkg-dist`, vncDefault15);
		return true;
	};

	if (current === vncDefault14) {
		return installNew();
	}

	if (given('--force-confdef')) {
		context.out(`${modifiedHeader} ==> Keeping old config file as default.\n`);
		return keepOld();
	}

	if (given('--force-confnew')) {
		context.out(`${modifiedHeader} ==> Using new file as you requested.\n`);
		return installNew();
	}

	if (given('--force-confold')) {
		context.out(`${modifiedHeader} ==> Using current old file as you requested.\n`);
		return keepOld();
	}

	context.out(`${modifiedHeader}   What would you like to do about it ?  Your options are:\n    Y or I  : install the package maintainer's version\n    N or O  : keep your currently-installed version\n      D     : show the differences between the versions\n      Z     : start a shell to examine the situation\n The default action is to keep your current version.\n*** vncauthproxy (Y/I/N/O/D/Z) [default=N] ? `);
	const answer = await context.readLine();
	if (answer === undefined) {
		context.err('dpkg: error processing snf-vncauthproxy (--configure):\n EOF on stdin at conffile prompt\nErrors were encountered while processing:\n snf-vncauthproxy\nE: Sub-process /usr/bin/dpkg returned an error code (1)\n');
		return false;
	}

	return /^[yi]/i.test(answer) ? installNew() : keepOld();
}

/** `apt-get [-y] [-o Dpkg::Options::=...] install PACKAGE...` (and `update`). */
export default async function aptGet(context: ShimContext): Promise<number> {
	const options: string[] = [];
	const words: string[] = [];
	let assumeYes = false;
	const args = [...context.args];
	while (args.length > 0) {
		const arg = args.shift()!;
		if (['-y', '--yes', '--assume-yes', '--force-yes'].includes(arg)) {
			assumeYes = true;
		} else if (arg === '-o') {
			options.push(args.shift() ?? '');
		} else if (arg.startsWith('-o')) {
			options.push(arg.slice(2));
		} else if (!arg.startsWith('-')) {
			words.push(arg);
		}
	}

	const [action, ...requested] = words;
	if (action === 'update') {
		context.out('Hit http://apt.dev.grnet.gr wheezy Release\nReading package lists... Done\n');
		return 0;
	}

	if (action !== 'install') {
		context.err(`E: Invalid operation ${action ?? ''}\n`);
		return 100;
	}

	context.out(header);
	const state = loadState(context.sandbox);
	const installed = state.hosts[context.host]!.packages;
	const targets = new Map<string, string>();
	for (const spec of requested) {
		const name = spec.split('=')[0]!;
		const version = candidateVersion(name);
		if (!version) {
			context.err(`E: Unable to locate package ${name}\n`);
			return 100;
		}

		if (installed[name] === version) {
			context.out(`${name} is already the newest version.\n`);
		} else {
			targets.set(name, version);
		}
	}

	// Exact-version dependencies (snf-common (= ${binary:Version})) pull the rest of the 0.14.10 family along.
	const family = (name: string) => installed[name] === oldVersion;
	const extra = [...targets.keys()].some(name => family(name)) ? Object.keys(installed).filter(name => family(name) && !targets.has(name)) : [];
	for (const name of extra) {
		targets.set(name, candidateVersion(name)!);
	}

	const upgraded = [...targets.keys()].filter(name => name in installed);
	const fresh = [...targets.keys()].filter(name => !(name in installed));
	if (fresh.length > 0) {
		context.out(`The following NEW packages will be installed:\n  ${fresh.join(' ')}\n`);
	}

	if (upgraded.length > 0) {
		context.out(`The following packages will be upgraded:\n  ${upgraded.join(' ')}\n`);
	}

	context.out(`${upgraded.length} upgraded, ${fresh.length} newly installed, 0 to remove and 0 not upgraded.\n`);
	if (targets.size === 0) {
		return 0;
	}

	context.out(`Need to get 0 B/${targets.size * 412} kB of archives.\nAfter this operation, ${targets.size * 38} kB of additional disk space will be used.\n`);
	if (extra.length > 0 && !assumeYes) {
		context.out('Do you want to continue [Y/n]? ');
		const answer = await context.readLine();
		if (answer === undefined || !/^(y|yes|)$/i.test(answer.trim())) {
			context.out('Abort.\n');
			return 1;
		}
	}

	context.out('(Reading database ... 61234 files and directories currently installed.)\n');
	for (const [name, version] of targets) {
		context.out(`Preparing to replace ${name} ${installed[name] ?? ''} (using .../${name}_${version}_all.deb) ...\nUnpacking replacement ${name} ...\n`);
		writeDpkgList(context.sandbox, context.host, name);
	}

	let ok = true;
	for (const [name, version] of targets) {
		context.out(`Setting up ${name} (${version}) ...\n`);
		replaceChangedConffiles(context, name, options);
		if (name === 'snf-vncauthproxy') {
			 
			ok = (await conffile(context, options)) && ok;
		}
	}

	const started = updateState(context.sandbox, current => {
		const host = current.hosts[context.host]!;
		const names: string[] = [];
		for (const [name, version] of targets) {
			if (name !== 'snf-vncauthproxy' || ok) {
				host.packages[name] = version;
			}

			for (const service of postinstStarts[name] ?? []) {
				const entry = host.services[service];
				if (entry && (!entry.running || service === 'vncauthproxy')) {
					entry.running = true;
					entry.startedAt = Date.now();
					names.push(service);
					context.out(`[ ok ] Starting ${service}: ${service}.\n`);
				}
			}
		}

		return names;
	});
	for (const service of started) {
		markDaemon(context.sandbox, context.host, service, true);
	}

	if (targets.has('snf-cyclades-app')) {
		const tools = path.join(context.sandbox, context.host, 'usr/lib/synnefo/tools');
		fs.mkdirSync(tools, {recursive: true});
		fs.writeFileSync(path.join(tools, 'update_to_floating_ips'), wrapperScript(process.execPath, state.shimMain, 'update_to_floating_ips'), {mode: 0o755});
	}

	return ok ? 0 : 100;
}
