import process from 'node:process';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AnswersDocument} from '../../source/sandbox/answers-document.js';
import {createSandbox} from '../../source/sandbox/create-sandbox.js';
import {verifySandbox} from '../../source/sandbox/verify/verify-sandbox.js';
import {ensureBuilt} from './helpers.js';

const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-sandbox-nodes-'));
beforeAll(() => {
	ensureBuilt();
});
afterAll(() => {
	fs.rmSync(parent, {recursive: true, force: true});
});

describe('a sandbox with more Ganeti nodes (the fleet bench)', () => {
	it('puts the extra nodes in ganeti1, each a ganeti1-node2 with its own root, packages and verify checks', () => {
		const {directory, answersFile} = createSandbox(path.join(parent, 'sb5'), {ganetiNodes: 5});
		const document = JSON.parse(fs.readFileSync(answersFile, 'utf8')) as AnswersDocument;
		expect(document.inventory.ganeti.map(backend => backend.nodes.map(node => node.name))).toEqual([
			['ganeti1-master', 'ganeti1-node2', 'ganeti1-node3', 'ganeti1-node4'],
			['ganeti2-master'],
		]);
		const node4 = document.inventory.ganeti[0]!.nodes[3]!;
		expect(fs.readFileSync(path.join(directory, 'ganeti1-node4/etc/default/snf-ganeti-eventd'), 'utf8'))
			.toBe(fs.readFileSync(path.join(directory, 'ganeti1-node2/etc/default/snf-ganeti-eventd'), 'utf8'));
		const query = spawnSync('sh', ['-c', 'dpkg-query -W -f \'${Version}\' snf-cyclades-gtools'], {encoding: 'utf8', env: {...process.env, ...node4.local.env}, cwd: node4.local.root});
		expect(query.stdout).toBe('0.14.10-1~wheezy');
		const checks = verifySandbox(directory);
		expect(checks.find(check => check.name === 'packages of ganeti1-node4 upgraded')?.ok).toBe(false);
		expect(checks.find(check => check.name === 'packages of ganeti1-node3 upgraded')?.ok).toBe(false);
	});

	it('refuses fewer nodes than the usual sandbox has', () => {
		expect(() => createSandbox(path.join(parent, 'sb2'), {ganetiNodes: 2})).toThrow(/ganetiNodes must be an integer >= 3/);
		expect(fs.existsSync(path.join(parent, 'sb2'))).toBe(false);
	});
});
