import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type React from 'react';
import {render} from 'ink-testing-library';
import {afterEach, beforeAll} from 'vitest';
import {openDeployment} from '../../source/commands/wizard/open-deployment.js';
import {createSandbox, type CreatedSandbox} from '../../source/sandbox/create-sandbox.js';
import {statePaths, type StatePaths} from '../../source/state/paths.js';
import type {Deployment} from '../../source/ui/deployment.js';
import {ensureBuilt} from '../sandbox/helpers.js';

/** A fresh sandbox and the state directory beside it, in a work directory of their own. */
export interface ScreenSandbox {
	readonly sandbox: CreatedSandbox;
	readonly paths: StatePaths;
}

export interface SandboxScreens {
	/** A new sandbox for this test (removed after it). */
	sandbox(prefix: string): ScreenSandbox;
	/** Renders a screen (each one cleaned up after the test). */
	render(tree: React.ReactElement): ReturnType<typeof render>;
}

/** The wizard's deployment on a sandbox: the real answers store, journal and runner; no defaults read from hosts. */
export function sandboxDeployment({sandbox, paths}: ScreenSandbox, description = 'test'): Deployment {
	return openDeployment({
		stateDirectory: paths.root, paths, answersFile: sandbox.answersFile, env: {}, description, acceptNewHostKeys: false, parallel: 4,
		readDefaults: async () => new Map(),
	});
}

/**
 * Registers the hooks of a ui test file whose screens work on a real sandbox (ink-testing-library): the
 * sandbox shims built once, then after each test the rendered screen cleaned up and the work directory removed.
 */
export function sandboxScreens(): SandboxScreens {
	let work: string | undefined;
	const apps: Array<ReturnType<typeof render>> = [];
	beforeAll(() => {
		ensureBuilt();
	});
	afterEach(() => {
		for (const app of apps.splice(0)) {
			app.cleanup();
		}

		if (work !== undefined) {
			fs.rmSync(work, {recursive: true, force: true});
			work = undefined;
		}
	});
	return {
		sandbox(prefix) {
			work = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
			return {sandbox: createSandbox(path.join(work, 'sb')), paths: statePaths(path.join(work, 'state'))};
		},
		render(tree) {
			const app = render(tree);
			apps.push(app);
			return app;
		},
	};
}
