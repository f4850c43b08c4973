import {loadState} from '../state.js';
import type {ShimContext} from './context.js';

function expand(format: string, name: string, version: string): string {
	return format
		.replaceAll(String.raw`\n`, '\n')
		.replaceAll(String.raw`\t`, '\t')
		.replaceAll(/\$\{([^}:]+)(?::-?\d+)?\}/g, (_, field: string) => ({Package: name, Version: version, Status: 'install ok installed', 'db:Status-Abbrev': 'ii '}[field] ?? ''));
}

/** `dpkg-query -W [-f=FORMAT] PACKAGE...` over the host's installed packages. */
export default async function dpkgQuery(context: ShimContext): Promise<number> {
	let format = '${Package}\\t${Version}\\n';
	let show = false;
	const names: string[] = [];
	const args = [...context.args];
	while (args.length > 0) {
		const arg = args.shift()!;
		if (arg === '-W' || arg === '--show') {
			show = true;
		} else if (arg === '-f' || arg === '--showformat') {
			format = args.shift() ?? '';
		} else if (arg.startsWith('-f=') || arg.startsWith('--showformat=')) {
			format = arg.slice(arg.indexOf('=') + 1);
		} else if (arg.startsWith('-f')) {
			format = arg.slice(2);
		} else {
			names.push(arg);
		}
	}

	if (!show) {
		context.err('dpkg-query: need an action option\n');
		return 2;
	}

	const packages = loadState(context.sandbox).hosts[context.host]?.packages ?? {};
	let code = 0;
	const wanted = names.length > 0 ? names : Object.keys(packages).sort();
	for (const name of wanted) {
		const version = packages[name];
		if (version === undefined) {
			context.err(`dpkg-query: no packages found matching ${name}\n`);
			code = 1;
			continue;
		}

		context.out(expand(format, name, version));
	}

	return code;
}
