import {infinite} from '../../resource-catalogue.js';

const multipliers: Readonly<Record<string, bigint>> = {'': 1n, K: 1024n, M: 1024n ** 2n, G: 1024n ** 3n, T: 1024n ** 4n, P: 1024n ** 5n};

/** synnefo.util.units.parse: an integer with an optional K/M/G/T/P (B, iB) unit, or inf/infinite. Undefined when invalid. */
export function parseQuantity(value: string): string | undefined {
	if (/^inf(inite)?$/i.test(value.trim())) {
		return infinite;
	}

	const match = /^(\d+)\s*([KMGTP]?)(?:I?B)?$/i.exec(value.trim());
	if (!match) {
		return undefined;
	}

	const result = BigInt(match[1]!) * multipliers[match[2]!.toUpperCase()]!;
	return result > BigInt(infinite) ? undefined : result.toString();
}

/** show_resource_value: 'inf' for infinite, byte resources in the style's unit (default mb → `10240.0 MB`). */
export function showQuantity(value: string | number, unit: string | null, style = 'mb'): string {
	const text = String(value);
	if (text === infinite && style !== 'none') {
		return 'inf';
	}

	if (unit !== 'bytes' || style === 'none' || style === 'b') {
		return text;
	}

	const divisors: Readonly<Record<string, number>> = {kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5};
	const chosen = style === 'auto' ? (['pb', 'tb', 'gb', 'mb', 'kb'].find(name => Number(text) >= divisors[name]!) ?? 'b') : style;
	if (chosen === 'b') {
		return text;
	}

	const amount = Number(text) / divisors[chosen]!;
	return `${Number.isInteger(amount) ? amount.toFixed(1) : String(amount)} ${chosen.toUpperCase()}`;
}

/** Python's parse_bool for True/False options. */
export function parseBool(value: string): boolean | undefined {
	const lower = value.toLowerCase();
	if (['true', 'yes', 't', '1'].includes(lower)) {
		return true;
	}

	return ['false', 'no', 'f', '0'].includes(lower) ? false : undefined;
}
