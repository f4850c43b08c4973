import crypto from 'node:crypto';

const alphabet = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Byte triplets of the final digest in the order crypt(3) encodes them (Drepper's SHA-crypt, SHA-512). */
const order: ReadonlyArray<readonly [number, number, number]> = [
	[0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48], [28, 49, 7],
	[50, 8, 29], [9, 30, 51], [31, 52, 10], [53, 11, 32], [12, 33, 54], [34, 55, 13], [56, 14, 35], [15, 36, 57],
	[37, 58, 16], [59, 17, 38], [18, 39, 60], [40, 61, 19], [62, 20, 41],
];

const sha512 = (...parts: Buffer[]) => {
	const hash = crypto.createHash('sha512');
	for (const part of parts) {
		hash.update(part);
	}

	return hash.digest();
};

const repeat = (source: Buffer, length: number) => Buffer.concat(Array.from({length: Math.ceil(length / source.length) || 0}, () => source)).subarray(0, length);

function encode(value: number, count: number): string {
	let text = '';
	for (let index = 0; index < count; index++) {
		text += alphabet[value & 0x3f];
		value >>= 6;
	}

	return text;
}

/** crypt(3) with `$6$salt$` (SHA-512, 5000 rounds): the format of vncauthproxy's users file. */
export function sha512Crypt(password: string, salt: string): string {
	const key = Buffer.from(password, 'utf8');
	const saltBytes = Buffer.from(salt.slice(0, 16), 'utf8');
	const alternate = sha512(key, saltBytes, key);
	const lengthBits: Buffer[] = [];
	for (let length = key.length; length > 0; length >>= 1) {
		lengthBits.push(length & 1 ? alternate : key);
	}

	const intermediate = sha512(key, saltBytes, repeat(alternate, key.length), ...lengthBits);
	const pBytes = repeat(sha512(...Array.from({length: key.length}, () => key)), key.length);
	const sBytes = repeat(sha512(...Array.from({length: 16 + intermediate[0]!}, () => saltBytes)), saltBytes.length);
	let current = intermediate;
	for (let round = 0; round < 5000; round++) {
		const parts: Buffer[] = [round & 1 ? pBytes : current];
		if (round % 3) {
			parts.push(sBytes);
		}

		if (round % 7) {
			parts.push(pBytes);
		}

		parts.push(round & 1 ? current : pBytes);
		current = sha512(...parts);
	}

	let encoded = '';
	for (const [a, b, c] of order) {
		encoded += encode((current[a]! << 16) | (current[b]! << 8) | current[c]!, 4);
	}

	encoded += encode(current[63]!, 2);
	return `$6$${saltBytes.toString('utf8')}$${encoded}`;
}

/** A random 16-character salt from crypt's alphabet. */
export function randomSalt(): string {
	return Array.from(crypto.randomBytes(16), byte => alphabet[byte & 0x3f]).join('');
}

/** Checks a password against a `$6$salt$hash` string. */
export function verifySha512Crypt(password: string, hashed: string): boolean {
	const match = /^\$6\$([^$]{1,16})\$[./0-9A-Za-z]{86}$/.exec(hashed);
	return match !== null && sha512Crypt(password, match[1]!) === hashed;
}
