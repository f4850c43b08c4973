import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {answersHash, loadAnswersSession} from '../../source/state/answers-session.js';
import {openAnswersStore} from '../../source/state/answers-store.js';

let directory: string;
let answersFile: string;
const state = () => path.join(directory, 'state');
const inventory = {astakos: 'local', cyclades: 'local', pithos: 'local', ganeti: [{name: 'g1', master: 'local'}]};

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-session-'));
	answersFile = path.join(directory, 'answers.json');
});

afterEach(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

const writeAnswers = (answers: Record<string, unknown>, withInventory = true) => {
	fs.writeFileSync(answersFile, JSON.stringify({version: 1, ...(withInventory ? {inventory} : {}), answers}));
};

const savedFile = () => JSON.parse(fs.readFileSync(openAnswersStore(state()).path, 'utf8')) as Record<string, unknown> & {answers: Record<string, unknown>};

describe('answers session', () => {
	it('merges saved answers, then the --answers file, then --set flags', () => {
		writeAnswers({vncUser: 'fromfile', vncServerPort: 1000});
		loadAnswersSession({stateDirectory: state(), answersFile, env: {}}).save();
		writeAnswers({vncServerPort: 2000}, false);
		const session = loadAnswersSession({stateDirectory: state(), answersFile, sets: ['vncServerAddress=10.0.0.1'], env: {}});
		expect(session.resolved.get('vncUser')).toBe('fromfile');
		expect(session.resolved.get('vncServerPort')).toBe(2000);
		expect(session.resolved.get('vncServerAddress')).toBe('10.0.0.1');
		expect(session.inventory?.astakos.id).toBe('local');
		session.save();
		expect(savedFile().answers).toMatchObject({vncUser: 'fromfile', vncServerPort: 2000, vncServerAddress: '10.0.0.1'});
	});

	it('generates missing generate-able secrets once, keeps them (0600) and never generates them again', () => {
		writeAnswers({});
		const first = loadAnswersSession({stateDirectory: state(), answersFile, env: {}});
		expect(first.generatedNow).toEqual(['pithosOauthSecret', 'vncPassword', 'statsSecretKey']);
		expect(first.secrets.vncPassword).toMatch(/^[A-Za-z0-9_-]{32}$/);
		first.save();
		expect(fs.statSync(first.store.path).mode & 0o777).toBe(0o600);
		const second = loadAnswersSession({stateDirectory: state(), env: {}});
		expect(second.generatedNow).toEqual([]);
		expect(second.secrets).toEqual(first.secrets);
	});

	it('keeps a secret given as an environment reference as the reference, never its value', () => {
		writeAnswers({vncPassword: {fromEnv: 'VNC_PW'}});
		const session = loadAnswersSession({stateDirectory: state(), answersFile, sets: ['statsSecretKey=env:STATS_KEY'], env: {VNC_PW: 'canary-vnc', STATS_KEY: 'canary-stats'}, saveSecrets: true});
		expect(session.secrets).toMatchObject({vncPassword: 'canary-vnc', statsSecretKey: 'canary-stats'});
		session.save();
		const text = fs.readFileSync(session.store.path, 'utf8');
		expect(text).not.toContain('canary');
		expect(savedFile().answers).toMatchObject({vncPassword: {fromEnv: 'VNC_PW'}, statsSecretKey: {fromEnv: 'STATS_KEY'}});
		expect(loadAnswersSession({stateDirectory: state(), env: {VNC_PW: 'next-password', STATS_KEY: 'another-secret'}}).secrets.vncPassword).toBe('next-password');
	});

	it('does not keep a given secret unless the admin chose to, and then asks for it again rather than generating a new one', () => {
		writeAnswers({vncPassword: 'given-secret'});
		loadAnswersSession({stateDirectory: state(), answersFile, env: {}}).save();
		expect(fs.readFileSync(openAnswersStore(state()).path, 'utf8')).not.toContain('given-secret');
		expect(savedFile().withheld).toEqual(['vncPassword']);
		const again = loadAnswersSession({stateDirectory: state(), env: {}});
		expect(again.generatedNow).not.toContain('vncPassword');
		expect(again.resolved.get('vncPassword')).toBeUndefined();
		expect(again.withheld).toEqual(['vncPassword']);
	});

	it('keeps given secrets with --save-secrets, remembers the choice, and drops them with --no-save-secrets', () => {
		writeAnswers({vncPassword: 'given-secret'});
		loadAnswersSession({stateDirectory: state(), answersFile, env: {}, saveSecrets: true}).save();
		expect(savedFile()).toMatchObject({saveSecrets: true, answers: {vncPassword: 'given-secret'}});
		loadAnswersSession({stateDirectory: state(), env: {}}).save();
		expect(savedFile().answers.vncPassword).toBe('given-secret');
		loadAnswersSession({stateDirectory: state(), env: {}, saveSecrets: false}).save();
		expect(savedFile()).toMatchObject({saveSecrets: false, withheld: ['vncPassword']});
		expect(savedFile().answers.vncPassword).toBeUndefined();
	});

	it('hashes the answers without holding any secret, and changes with a secret', () => {
		const one = answersHash({vncUser: 'a', vncPassword: 'x'}, {vncPassword: 'x'});
		expect(one).toMatch(/^[0-9a-f]{64}$/);
		expect(answersHash({vncUser: 'a', vncPassword: 'y'}, {vncPassword: 'y'})).not.toBe(one);
		expect(answersHash({vncUser: 'b', vncPassword: 'x'}, {vncPassword: 'x'})).not.toBe(one);
	});

	it('reports a damaged saved file naming it', () => {
		fs.mkdirSync(state(), {recursive: true});
		fs.writeFileSync(path.join(state(), 'answers.json'), 'nope');
		expect(() => loadAnswersSession({stateDirectory: state(), env: {}})).toThrow(`the saved answers ${path.join(state(), 'answers.json')} are damaged`);
	});
});
