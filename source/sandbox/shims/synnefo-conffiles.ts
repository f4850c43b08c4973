import fs from 'node:fs';
import path from 'node:path';
import type {ShimContext} from './context.js';

/** The Synnefo conffiles v0.15 changed, by package (issue 9 item 5), as the sandbox hosts have them. */
const changedConffiles: Readonly<Record<string, readonly string[]>> = {
	'snf-webproject': ['etc/synnefo/10-snf-webproject-deploy.conf'],
	'snf-astakos-app': ['etc/synnefo/20-snf-astakos-app-settings.conf'],
	'snf-cyclades-app': ['etc/synnefo/20-snf-cyclades-app-api.conf', 'etc/synnefo/20-snf-cyclades-app-backend.conf', 'etc/synnefo/20-snf-cyclades-app-ui.conf'],
	'snf-pithos-app': ['etc/synnefo/20-snf-pithos-app-settings.conf'],
	'snf-stats-app': ['etc/synnefo/20-snf-stats-app-settings.conf'],
};

/** The maintainer's version: Synnefo ships every setting commented out. */
const maintainerVersion = (text: string) =>
	text.split('\n').map(line => (line.trim() === '' || line.trimStart().startsWith('#') ? line : `#${line}`)).join('\n');

/**
 * dpkg --force-confnew (without --force-confdef, which keeps a changed file) on the Synnefo conffiles
 * a package changed: a file the admin changed (it sets something) is replaced by the maintainer's
 * all-commented version, the admin's kept as NAME.dpkg-old. Other options keep the admin's file.
 */
export function replaceChangedConffiles(context: ShimContext, name: string, options: readonly string[]): void {
	const given = (option: string) => options.some(candidate => candidate.includes(option));
	if (!given('--force-confnew') || given('--force-confdef')) {
		return;
	}

	for (const relative of changedConffiles[name] ?? []) {
		const file = path.join(context.sandbox, context.host, relative);
		if (!fs.existsSync(file)) {
			continue;
		}

		const current = fs.readFileSync(file, 'utf8');
		const shipped = maintainerVersion(current);
		if (shipped === current) {
			continue;
		}

		context.out(`\nConfiguration file \`/${relative}'\n ==> Modified (by you or by a script) since installation.\n ==> Package distributor has shipped an updated version.\n ==> Using new file as you requested.\nInstalling new version of config file /${relative} ...\n`);
		fs.writeFileSync(`${file}.dpkg-old`, current);
		fs.writeFileSync(file, shipped);
	}
}
