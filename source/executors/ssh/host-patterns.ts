import {createHmac} from 'node:crypto';

// known_hosts host fields (sshd(8) SSH_KNOWN_HOSTS FILE FORMAT): hashed names, globs, negations.

function globToRegExp(pattern: string): RegExp {
	const escaped = pattern.replaceAll(/[.+^${}()|[\]\\]/g, String.raw`\$&`).replaceAll('*', '.*').replaceAll('?', '.');
	return new RegExp(`^${escaped}$`, 'i');
}

export type FieldMatcher = (token: string) => 1 | 0 | -1;

/** The host field compiled once: a hashed `|1|salt|hash` (HMAC-SHA1 of the token), or comma-separated globs with `!` negations. */
export function compileHostField(field: string): FieldMatcher {
	if (field.startsWith('|1|')) {
		const [, , salt = '', hash = ''] = field.split('|');
		const saltBytes = Buffer.from(salt, 'base64');
		const hashBytes = Buffer.from(hash, 'base64');
		return token => (createHmac('sha1', saltBytes).update(token).digest().equals(hashBytes) ? 1 : 0);
	}

	const patterns = field.split(',').map(pattern => {
		const negated = pattern.startsWith('!');
		return {negated, expression: globToRegExp(negated ? pattern.slice(1) : pattern)};
	});
	return token => {
		let result: 1 | 0 = 0;
		for (const {negated, expression} of patterns) {
			if (expression.test(token)) {
				if (negated) {
					return -1;
				}

				result = 1;
			}
		}

		return result;
	};
}

/** 1 when the host field matches the token, -1 for a negated match (`!pattern`), 0 otherwise. */
export function matchHostField(field: string, token: string): 1 | 0 | -1 {
	return compileHostField(field)(token);
}
