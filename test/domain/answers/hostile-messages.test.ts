import {describe, expect, it} from 'vitest';
import {parseAnswersDocument} from '../../../source/domain/answers/answers-document.js';
import {applySetFlags} from '../../../source/domain/answers/set-flags.js';
import {answerSpecs} from '../../../source/domain/answers-schema.js';
import {validateAnswer} from '../../../source/domain/answers/validate-answer.js';
import {inputErrorOf} from '../../helpers/input-error.js';

/** What a terminal acts on: C0, DEL, C1, bidi embeddings/overrides/isolates (written independently of printable()). */
// eslint-disable-next-line no-control-regex -- the test looks for exactly those characters
const controlByte = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

const esc = '\u001B]0;owned\u0007\u001B[2J';
const csi = '\u009B2J';
const rlo = '\u202E';
const inventory = {astakos: 'root@a', cyclades: 'root@c', pithos: 'root@p', ganeti: [{name: 'g1', master: 'root@g1'}]};

const hostileDocuments: ReadonlyArray<readonly [string, string]> = [
	['an unknown top-level field', JSON.stringify({version: 1, [`x${esc}`]: 1})],
	['an unknown answer key', JSON.stringify({version: 1, answers: {[`vncUser${esc}`]: 'x'}})],
	['an unknown answer key with a bidi override', JSON.stringify({version: 1, answers: {[`gnp${rlo}exe`]: 'x'}})],
	['an answer key that is only C1', JSON.stringify({version: 1, answers: {[csi]: 'x'}})],
	['a rejected text value with C1', JSON.stringify({version: 1, answers: {vncServerAddress: `10.0.0.1${csi}`}})],
	['a rejected list item with C1', JSON.stringify({version: 1, answers: {backupDatabases: ['ok', `x${csi}`]}})],
	['a rejected URL with a bidi override', JSON.stringify({version: 1, answers: {astakosBaseUrl: `https://a${rlo}/`}})],
	['a rejected version', JSON.stringify({version: `1${csi}`})],
	['an unknown inventory role', JSON.stringify({version: 1, inventory: {...inventory, [`db${esc}`]: 'local'}})],
	['an SSH target with ESC', JSON.stringify({version: 1, inventory: {...inventory, astakos: `root${esc}@a`}})],
	['an SSH target with C1', JSON.stringify({version: 1, inventory: {...inventory, astakos: `root@a${csi}`}})],
	['an unknown host field', JSON.stringify({version: 1, inventory: {...inventory, astakos: {ssh: 'root@a', [`x${esc}`]: 1}}})],
	['an unknown local field', JSON.stringify({version: 1, inventory: {...inventory, astakos: {local: {root: '/r', [`x${esc}`]: 1}}}})],
	['a bad environment variable name', JSON.stringify({version: 1, inventory: {...inventory, astakos: {local: {root: '/r', env: {[`A${esc}`]: 'v'}}}}})],
	['an unknown backend field', JSON.stringify({version: 1, inventory: {...inventory, ganeti: [{name: 'g1', master: 'root@g1', [`x${csi}`]: 1}]}})],
	['a bad disk template', JSON.stringify({version: 1, inventory: {...inventory, ganeti: [{name: 'g1', master: 'root@g1', ipolicyDiskTemplates: [`plain${csi}`]}]}})],
	['a JSON syntax error at a C1 character', `{"version": 1 ${csi}}`],
	['a JSON syntax error at a bidi override', `{"version": 1, ${rlo}}`],
	['a JSON syntax error at DEL', '{"version": 1 \u007F}'],
];

describe('no message about a hostile answers file holds a control character', () => {
	it.each(hostileDocuments)('%s', (_name, text) => {
		const error = inputErrorOf(() => parseAnswersDocument(text, 'answers.json', {}));
		expect(error.message).not.toMatch(controlByte);
		expect(error.hint ?? '').not.toMatch(controlByte);
	});

	it('a file name with control characters', () => {
		const error = inputErrorOf(() => parseAnswersDocument('{}', `answers${esc}${csi}.json`, {}));
		expect(error.message).toMatch(/^answers\\x1b\]0;owned\\x07\\x1b\[2J\\x9b2J\.json: /);
	});

	it.each([
		['an unknown key', [`vncUser${esc}=x`]],
		['a bad value', [`vncServerAddress=10.0.0.1${csi}`]],
		['no equals sign', [`vncUser${esc}`]],
		['a secret without env:', [`vncPassword${csi}=x`]],
		['a bad variable name after env:', [`vncPassword=env:${esc}`]],
	])('--set with %s', (_name, sets) => {
		const error = inputErrorOf(() => applySetFlags({}, sets, {}));
		expect(error.message).not.toMatch(controlByte);
		expect(error.hint ?? '').not.toMatch(controlByte);
	});
});

describe('answers that hold control characters are refused', () => {
	it.each([
		['backupCommand', `pg_dump {db} > {file}${esc}`],
		['backupCommand', `pg_dump {db} > {file}${csi}`],
		['statsRrdMigrationCommand', `migrate${rlo}`],
		['settingsDir', `/etc/synnefo${esc}`],
		['backupDatabases', [`snf${csi}`]],
	])('%s = %j', (key, value) => {
		const spec = answerSpecs.find(candidate => candidate.key === key)!;
		const result = validateAnswer(spec, value);
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.expected).not.toMatch(controlByte);
	});
});
