import {printable} from '../printable.js';
import {checkExitCode, type CheckReport, type PreflightRow, type StepRow} from './check-types.js';

function table(rows: ReadonlyArray<readonly string[]>): string[] {
	const widths = rows[0]?.map((_, column) => Math.max(...rows.map(row => row[column]!.length))) ?? [];
	return rows.map(row => `  ${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')}`.trimEnd());
}

const counted = (statuses: readonly string[], name: string) => {
	const count = statuses.filter(status => status === name).length;
	return count === 0 ? [] : [`${count} ${name}`];
};

/** The check report as text: the preflight table, then one table per section (step × host). */
export function renderCheckText(report: CheckReport): string {
	const lines: string[] = ['Preflight'];
	lines.push(...table(report.preflight.map((row: PreflightRow) => [row.status, row.check, row.host, printable(row.evidence)])));
	const sections = [...new Map(report.steps.map(row => [row.section.id, row.section])).values()];
	for (const section of sections) {
		lines.push('', `== ${section.number}  ${section.title} ==`);
		lines.push(...table(report.steps.filter(row => row.section.id === section.id).map((row: StepRow) => [row.status, row.step, row.host, printable(row.evidence)])));
	}

	const preflight = report.preflight.map(row => row.status);
	const steps = report.steps.map(row => row.status);
	const summary = [...counted(preflight, 'FAIL'), ...counted(preflight, 'WARN'), ...counted(preflight, 'PASS'), ...counted(steps, 'DONE'), ...counted(steps, 'TO DO'), ...counted(steps, 'CANNOT TELL'), ...counted(steps, 'SKIPPED')];
	lines.push('', `${checkExitCode(report) === 0 ? 'No preflight check failed' : 'Preflight FAILED'}: ${summary.join(', ')}.`);
	return `${lines.join('\n')}\n`;
}

/** The check report as JSON (version 1): every row, and the exit code check returns. */
export function renderCheckJson(report: CheckReport): string {
	return `${JSON.stringify({version: 1, exitCode: checkExitCode(report), preflight: report.preflight, steps: report.steps}, null, 2)}\n`;
}
