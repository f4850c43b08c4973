/** Placeholder replaced below. */
export interface Check {
	readonly name: string;
	readonly ok: boolean;
	readonly detail: string;
}

export function verifySandbox(_directory: string): Check[] {
	return [];
}

export function printChecks(checks: readonly Check[]): string {
	return checks.map(check => (check.ok ? `PASS ${check.name}\n` : `FAIL ${check.name}: ${check.detail}\n`)).join('');
}
