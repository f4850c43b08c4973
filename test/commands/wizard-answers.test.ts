import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openWizardAnswers} from '../../source/commands/wizard/wizard-answers.js';
import {createSandbox} from '../../source/sandbox/create-sandbox.js';

let work: string;
beforeEach(() => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-wizard-answers-'));
});
afterEach(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

const savedFile = (state: string) => JSON.parse(fs.readFileSync(path.join(state, 'answers.json'), 'utf8')) as {answers: Record<string, unknown>; withheld?: string[]; generated: string[]; skippedSections?: string[]};

describe('the wizard saves every answer the moment it is given (real conf store in a temp dir)', () => {
	it('takes an answers file in, keeps plain answers, and keeps typed secrets only in memory unless secrets are saved', () => {
		const sandbox = createSandbox(path.join(work, 'sb'));
		const state = path.join(work, 'state');
		const answers = openWizardAnswers({stateDirectory: state, answersFile: sandbox.answersFile, env: {}});
		expect(answers.inventory()?.astakos.id).toBe('astakos');
		expect(typeof answers.given().vncPassword).toBe('string');
		answers.save('quotaFloatingIp', '3');
		answers.save('vncPassword', 'a-new-password');
		const saved = savedFile(state);
		expect(saved.answers.quotaFloatingIp).toBe('3');
		expect(saved.answers.vncPassword).toBeUndefined();
		expect(saved.withheld).toContain('vncPassword');
		expect(fs.statSync(path.join(state, 'answers.json')).mode & 0o777).toBe(0o600);

		// Started again without the file: the plain answers are remembered, the secret must be given again.
		const again = openWizardAnswers({stateDirectory: state, env: {}});
		expect(again.given().quotaFloatingIp).toBe('3');
		expect(again.given().vncPassword).toBeUndefined();
		expect(again.withheld()).toContain('vncPassword');
		expect(again.inventory()?.cyclades.id).toBe('cyclades');
	});

	it('keeps secrets with --save-secrets, and a generated one always; skipped sections are saved', () => {
		const state = path.join(work, 'state');
		const sandbox = createSandbox(path.join(work, 'sb'));
		const answers = openWizardAnswers({stateDirectory: state, answersFile: sandbox.answersFile, env: {}, saveSecrets: true});
		answers.save('vncPassword', 'kept-password');
		answers.saveSkipped('shibboleth', true);
		expect(savedFile(state).answers.vncPassword).toBe('kept-password');
		const plain = openWizardAnswers({stateDirectory: path.join(work, 'other'), answersFile: sandbox.answersFile, env: {}});
		plain.save('statsSecretKey', 'generated-secret-value', {generated: true});
		expect(savedFile(path.join(work, 'other')).answers.statsSecretKey).toBe('generated-secret-value');
		expect(savedFile(path.join(work, 'other')).generated).toContain('statsSecretKey');
		expect(openWizardAnswers({stateDirectory: state, env: {}}).skippedSections()).toEqual(['shibboleth']);
	});
});
