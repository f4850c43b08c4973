/** snf-manage's "practically infinite" limit, 2**63 - 1 (facts §3.6). */
export const infiniteQuota = (2n ** 63n) - 1n;

const unitExponents: Readonly<Record<string, bigint>> = {
	'': 0n,
	K: 1n, KB: 1n, KIB: 1n,
	M: 2n, MB: 2n, MIB: 2n,
	G: 3n, GB: 3n, GIB: 3n,
	T: 4n, TB: 4n, TIB: 4n,
	P: 5n, PB: 5n, PIB: 5n,
};

export const quotaExpected = 'a whole number with an optional unit K, M, G, T or P (also KB/KiB …, base 1024), or inf';

/**
 * A resource limit as snf-manage resource-modify / user-modify take it (facts §3.6):
 * digits with an optional base-1024 unit, or inf/infinite; case-insensitive.
 * Returns the canonical text ("40G" for 40gib, "2", "inf") and the number of units, or undefined when invalid.
 */
export function parseQuota(text: string): {readonly canonical: string; readonly amount: bigint} | undefined {
	const trimmed = text.trim();
	if (/^(inf|infinite)$/i.test(trimmed)) {
		return {canonical: 'inf', amount: infiniteQuota};
	}

	const match = /^(\d+)\s*([a-z]*)$/i.exec(trimmed);
	if (!match) {
		return undefined;
	}

	const unit = match[2]!.toUpperCase();
	const exponent = unitExponents[unit];
	if (exponent === undefined) {
		return undefined;
	}

	const digits = match[1]!.replace(/^0+(?=\d)/, '');
	const amount = BigInt(digits) * (1024n ** exponent);
	if (amount > infiniteQuota) {
		return undefined;
	}

	return {canonical: `${digits}${unit.slice(0, 1)}`, amount};
}
