import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {randomSalt, sha512Crypt} from '../sha512-crypt.js';
import {loadState} from '../state.js';
import {releaseOf} from '../versions.js';
import type {ShimContext} from './context.js';
import {getpass} from './getpass.js';
import type {OptparseError} from './options.js';
import { flag, parseOptions, text} from './options.js';

const usage = 'usage: vncauthproxy-passwd [-h] [-n] [-d] [-p PASSWORD] FILE USER\n';

/** vncauthproxy-passwd [-n] [-d] [-p PASSWORD] FILE USER (snf-vncauthproxy 1.5, facts §4). */
export default async function vncauthproxyPasswd(context: ShimContext): Promise<number> {
	if (releaseOf(loadState(context.sandbox), context.host, 'snf-vncauthproxy') !== '0.15') {
		context.err('sh: 1: vncauthproxy-passwd: not found\n');
		return 127;
	}

	let parsed;
	try {
		parsed = parseOptions(context.args, [{long: '--dry-run', short: '-n', kind: 'flag'}, {long: '--delete', short: '-d', kind: 'flag'}, {long: '--password', short: '-p', kind: 'value'}]);
	} catch (error) {
		context.err(`${usage}vncauthproxy-passwd: error: ${(error as OptparseError).message}\n`);
		return 2;
	}

	const [file, user] = parsed.positional;
	if (!file || !user || parsed.positional.length > 2) {
		context.err(`${usage}vncauthproxy-passwd: error: too few arguments\n`);
		return 2;
	}

	if (!/^[a-z_][a-z0-9_]{0,30}$/.test(user)) {
		context.err('Invalid username\n');
		return 1;
	}

	const remove = flag(parsed, 'delete');
	if (remove && text(parsed, 'password') !== undefined) {
		context.err("Can't specify -p/--password and -d/--delete at the same time\n");
		return 1;
	}

	const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
	const index = lines.findIndex(line => line.split(':')[0] === user);
	if (remove) {
		if (index === -1) {
			context.err('User not found!\n');
			return 1;
		}

		lines.splice(index, 1);
	} else {
		let password = text(parsed, 'password');
		if (password === undefined) {
			try {
				password = await getpass(context);
			} catch {
				context.err('\nKeyboardInterrupt\n');
				return 1;
			}

			if (password === undefined) {
				context.err('Traceback (most recent call last):\n  File "/usr/bin/vncauthproxy-passwd", line 9, in <module>\nEOFError\n');
				return 1;
			}
		}

		if (password === '') {
			context.err('Password cannot be empty\n');
			return 1;
		}

		const entry = `${user}:${sha512Crypt(password, randomSalt())}`;
		if (index === -1) {
			lines.push(entry);
		} else {
			lines[index] = entry;
		}
	}

	const content = lines.map(line => `${line}\n`).join('');
	if (flag(parsed, 'dry-run')) {
		context.out(content);
		return 0;
	}

	const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
	fs.writeFileSync(temporary, content, {mode: 0o640});
	fs.renameSync(temporary, file);
	return 0;
}
