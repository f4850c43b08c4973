import path from 'node:path';
import process from 'node:process';
import {parseExportRecord, type ExportRecord} from '../domain/ansible/export-record.js';
import {answerSpecs} from '../domain/answers-schema.js';
import {resolveAnswers, type ResolvedAnswers} from '../domain/answers/resolve-answers.js';
import {InputError} from '../domain/errors.js';
import {buildPlan} from '../domain/plan/build-plan.js';
import type {PlannedStep} from '../domain/plan-types.js';
import {printable} from '../domain/printable.js';
import {stepRenderer} from '../domain/plan/step-renderer.js';
import {exportRecordName, readExportRecordFile} from '../state/export-files.js';

const secretKeys = new Set(answerSpecs.filter(spec => spec.type === 'secret').map(spec => spec.key));

/**
 * A step of an export (DIR's record), rendered again exactly as exported: the record's answers, inventory and
 * facts, plus the secrets the playbook handed over (on stdin; only secret answer keys).
 */
export function exportedStep(directory: string, stepId: string, usage: string, secrets: Readonly<Record<string, string>> = {}): {readonly record: ExportRecord; readonly step: PlannedStep; readonly answers: ResolvedAnswers} {
	const file = path.join(directory, exportRecordName);
	const record = parseExportRecord(readExportRecordFile(file), file);
	const unknown = Object.keys(secrets).filter(key => !secretKeys.has(key));
	if (unknown.length > 0) {
		throw new InputError(`the playbook handed over ${unknown.map(key => `'${printable(key)}'`).join(', ')}, which are not secret answers`, usage);
	}

	const answers = resolveAnswers({...record.answers, ...secrets});
	const planned = buildPlan({answers, inventory: record.inventory, only: record.only, skip: record.skip}).steps.find(step => step.id === stepId);
	if (planned === undefined) {
		throw new InputError(`the export has no step '${printable(stepId)}'`, usage);
	}

	return {record, answers, step: planned.facts.length === 0 ? planned : stepRenderer({answers, inventory: record.inventory})(planned, record.facts)};
}

/** The JSON the playbook feeds on stdin. */
export async function readJsonStdin(usage: string): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) {
		chunks.push(chunk as Buffer);
	}

	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8'));
	} catch (error) {
		throw new InputError(`stdin is not JSON: ${(error as Error).message}`, usage);
	}
}
