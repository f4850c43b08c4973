import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {createRedactor, encodedForms} from '../../source/domain/redact.js';
import {shellQuote} from '../../source/domain/shell-quote.js';
import {pythonLiteral} from '../../source/domain/transforms/python-literal.js';

const canaries = [
	'Canary-7f3a',
	'it\'s a "canary" & more',
	'κωδικός ✓ 🔑',
	String.raw`back\slash $(id) ` + '`x`',
	'sp ace+plus/slash?q=1#frag!*()~',
	'line\nbreak\ttab',
];

/** Every way the canary can show up, as the brief lists them. */
function encodings(secret: string): string[] {
	const python = pythonLiteral(secret, 'reveal');
	const uri = encodeURIComponent(secret);
	return [
		secret,
		shellQuote(secret),
		secret.replaceAll('\'', String.raw`'\''`),
		python,
		python.replace(/^u?'/, '').slice(0, -1),
		JSON.stringify(secret),
		JSON.stringify(secret).slice(1, -1),
		uri,
		uri.replaceAll('%20', '+'),
	];
}

describe('createRedactor', () => {
	it.each(canaries)('removes every encoded form of %j and keeps the text around it', secret => {
		const redact = createRedactor(['other', secret]);
		for (const form of encodings(secret)) {
			const text = `before ${form} after`;
			const result = redact(text);
			expect(result).not.toContain(form);
			expect(result.startsWith('before ')).toBe(true);
			expect(result.endsWith(' after')).toBe(true);
			expect(result).toContain('••••');
		}
	});

	it('catches the forms Python prints: json.dumps ASCII escapes, repr in double quotes, quote_plus', () => {
		const redact = createRedactor(['κ\'x(1)']);
		expect(redact('{"password": "\\u03ba\'x(1)"}')).toBe('{"password": "••••"}');
		expect(redact('"pw": "\\u03ba\'x(1)\\n"')).toBe('"pw": "••••\\n"');
		// A whole Python literal is masked with its quotes.
		expect(redact('PW = u"\\u03ba\'x(1)"')).toBe('PW = ••••');
		expect(redact('pw=%CE%BA%27x%281%29&y')).toBe('pw=••••&y');
	});

	it('masks the repr Python 3 and 2 print of a secret with non-ASCII characters (real python3 as the oracle)', () => {
		const secrets = [...canaries, 'CANoa\'q"d$(id)`id`\\bs%41%2Fé☃', 'only\'single é', 'ünï"côdé'];
		// repr(s): Python 3; ascii(s): Python 2's repr of a unicode string (without its u); repr(bytes): a Python 2 str.
		const printed = JSON.parse(execFileSync('python3', ['-c', [
			'import json, sys',
			'secrets = json.loads(sys.stdin.read())',
			'print(json.dumps([[repr(s), ascii(s), repr(s.encode("utf-8"))] for s in secrets]))',
		].join('\n')], {input: JSON.stringify(secrets), encoding: 'utf8'})) as string[][];
		for (const [index, secret] of secrets.entries()) {
			const redact = createRedactor([secret]);
			for (const form of printed[index]!) {
				const result = redact(`x=${form};`);
				expect(result, `${form} of ${JSON.stringify(secret)}`).toMatch(/^x=b?u?['"]?••••['"]?;$/);
			}
		}
	});

	it('masks a command line with a shell-quoted secret', () => {
		const redact = createRedactor(['s3c\'ret']);
		const line = `snf-manage oauth2-client-add pithos-view ${shellQuote('--secret=s3c\'ret')} --is-trusted`;
		expect(redact(line)).toBe('snf-manage oauth2-client-add pithos-view \'--secret=••••\' --is-trusted');
	});

	it('prefers the longest form, replaces every occurrence and leaves unrelated text alone', () => {
		const redact = createRedactor(['abc', 'abcdef']);
		expect(redact('abcdef abc xabcx ab')).toBe('•••• •••• x••••x ab');
		const unrelated = 'Everything in sync.\nClient created successfully\n';
		expect(redact(unrelated)).toBe(unrelated);
	});

	it('ignores empty secrets and is the identity without secrets', () => {
		expect(createRedactor(['', ''])('text')).toBe('text');
		expect(createRedactor([])('a\nb')).toBe('a\nb');
	});

	it('treats regular expression characters in secrets literally', () => {
		const redact = createRedactor(['.*']);
		expect(redact('abc .* def')).toBe('abc •••• def');
	});

	it('says where a text may be cut with no secret form straddling the cut, and when it cannot tell yet', () => {
		const redact = createRedactor(['s3cret']);
		const longest = Math.max(...encodedForms('s3cret').map(form => form.length));
		const text = `abcd's3cret'efgh${'x'.repeat(20)}`;
		// Inside a form (here the Python literal 's3cret' in quotes): after its end; before or after it: where asked.
		expect(redact.cutAt(text, 6, false)).toBe(12);
		expect(redact.cutAt(text, 4, false)).toBe(4);
		expect(redact.cutAt(text, 13, false)).toBe(13);
		// Too little text after the point to tell whether a form starts before it and goes on: unless the text has ended.
		expect(redact.cutAt('abcdef', 3, false)).toBeUndefined();
		expect(redact.cutAt('abcdef', 3, true)).toBe(3);
		expect(redact.cutAt('x'.repeat(longest + 2), 3, false)).toBe(3);
		// Each side masked alone is the whole masked.
		for (let at = 1; at < text.length; at++) {
			const cut = redact.cutAt(text, at, true)!;
			expect(redact(text.slice(0, cut)) + redact(text.slice(cut))).toBe(redact(text));
		}

		expect(createRedactor([]).cutAt('abc', 1, false)).toBe(1);
	});
});
