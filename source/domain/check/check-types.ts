/** A preflight verdict: PASS, WARN (the admin should look; does not fail check) or FAIL (check exits 1). */
export type PreflightStatus = 'PASS' | 'WARN' | 'FAIL';
/** A step's state on a host, as its probe says: only positive evidence is DONE. */
export type StepStatus = 'DONE' | 'TO DO' | 'CANNOT TELL' | 'SKIPPED';

export interface PreflightRow {
	readonly check: string;
	readonly host: string;
	readonly status: PreflightStatus;
	/** One line of evidence. */
	readonly evidence: string;
}

export interface StepRow {
	readonly section: {readonly id: string; readonly number: string; readonly title: string};
	readonly step: string;
	readonly host: string;
	readonly status: StepStatus;
	readonly evidence: string;
}

export interface CheckReport {
	readonly preflight: readonly PreflightRow[];
	readonly steps: readonly StepRow[];
}

/** check exits 1 on any FAIL, else 0 (TO DO and CANNOT TELL are not failures). */
export const checkExitCode = (report: CheckReport): number => (report.preflight.some(row => row.status === 'FAIL') ? 1 : 0);

export const preflightRow = (check: string, host: string, status: PreflightStatus, evidence: string): PreflightRow => ({check, host, status, evidence});
