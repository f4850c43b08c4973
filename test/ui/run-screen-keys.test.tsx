import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import React, {useLayoutEffect, useState} from 'react';
import {Text, useStdin} from 'ink';
import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {KeyRouter, useKeys} from '../../source/ui/inputs/key-router.js';
import {RunScreen} from '../../source/ui/run/run-screen.js';
import {ScrollbackProvider} from '../../source/ui/scrollback.js';
import type {FakeRule} from '../helpers/fake-executor.js';
import {waitFor} from '../helpers/wait-for.js';
import {command, harness, host, step, type Harness} from '../runner/fixtures.js';

const a = host('a');
let directory: string;
let app: ReturnType<typeof render> | undefined;

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-run-keys-'));
});

afterEach(() => {
	app?.cleanup();
	app = undefined;
	fs.rmSync(directory, {recursive: true, force: true});
});

/**
 * The screen after a run, as the wizard's next intro: Enter is taken through the router. It types an Enter itself the
 * instant it is committed (from its layout effect, before React's passive effects run), as a fast admin or a busy
 * machine does.
 */
function NextScreen({onEnter}: {readonly onEnter: () => void}) {
	const {stdin} = useStdin();
	useKeys((_input, key) => {
		if (key.return) {
			onEnter();
		}
	});
	useLayoutEffect(() => {
		stdin.write('\r');
	}, [stdin]);
	return <Text>next screen</Text>;
}

/** The run screen, then the next screen, inside the wizard's ScrollbackProvider and KeyRouter (as App has them). */
function show(h: Harness) {
	let entered = 0;
	function Flow() {
		const [done, setDone] = useState(false);
		return done
			? <NextScreen onEnter={() => {
				entered++;
			}}/>
			: <RunScreen stepMode={false} start={async hooks => h.run([step('s', 'oauth', [command(a, ['ask'])])], {...hooks, onEvent(event) {
				h.events.push(event);
				hooks.onEvent(event);
			}})} onFinished={() => {
				setDone(true);
			}}/>;
	}

	app = render(<ScrollbackProvider><KeyRouter><Flow/></KeyRouter></ScrollbackProvider>);
	return {frame: () => app!.lastFrame() ?? '', entered: () => entered};
}

const asking: FakeRule = {match: /^ask$/, async run(io) {
	io.print('Enter the vault password: ');
	const answer = await io.input();
	io.print(`\nunlocked with ${answer.trim().length} characters\n`);
}};

describe('RunScreen inside the wizard’s KeyRouter', () => {
	it('an unknown prompt’s answer is typed through the router, and the Enter typed as the next screen appears is taken', async () => {
		const h = harness(directory, [asking]);
		const screen = show(h);
		await waitFor(() => screen.frame().includes('asks (no answer known)'), 'the unknown prompt');
		for (const key of 'hunter2') {
			app!.stdin.write(key);
			await new Promise(resolve => setImmediate(resolve));
		}

		app!.stdin.write('\r');
		await waitFor(() => screen.frame().includes('next screen'), () => `the next screen (last frame:\n${screen.frame()})`);
		expect(h.events.some(event => event.type === 'output' && event.text.includes('unlocked with 7 characters'))).toBe(true);
		await waitFor(() => screen.entered() > 0, 'the Enter typed at the commit of the next screen to be taken');
	});
});
