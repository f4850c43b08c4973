import fs from 'node:fs';
import path from 'node:path';
import React, {useEffect, useState} from 'react';
import {Text} from 'ink';
import {describe, expect, it} from 'vitest';
import type {SectionPreview} from '../../source/ui/deployment.js';
import {KeyRouter} from '../../source/ui/inputs/key-router.js';
import {ScrollbackProvider, useScrollback} from '../../source/ui/scrollback.js';
import {PreviewScreen} from '../../source/ui/screens/preview-screen.js';
import {squeezed} from '../helpers/squeezed.js';
import {waitFor} from '../helpers/wait-for.js';
import {sandboxDeployment, sandboxScreens} from './sandbox-screens.js';

const screens = sandboxScreens();

const canary = 'canaryOauthSecret7Qx2Zr';
const section = {id: 'oauth' as const, number: '2.4', title: 'Register the Pithos view as an OAuth 2.0 client', skippable: false, questions: []};

/** The next screen after Esc: it adds a line to the scrollback (<Static>), as the run screen does. */
function NextScreen() {
	const append = useScrollback();
	useEffect(() => {
		append([{text: 'next screen wrote this to the scrollback', tone: 'note'}]);
	}, [append]);
	return <Text>the next screen</Text>;
}

function Harness({preview}: {readonly preview: SectionPreview}) {
	const [left, setLeft] = useState(false);
	const screen = left
		? <NextScreen/>
		: <PreviewScreen section={section} preview={preview} rows={40} columns={100} onRun={() => {}} onLater={() => {}} onBack={() => setLeft(true)} onQuit={() => {}}/>;
	return <ScrollbackProvider><KeyRouter>{screen}</KeyRouter></ScrollbackProvider>;
}

const allFiles = (directory: string): string[] => fs.readdirSync(directory, {withFileTypes: true, recursive: true}).filter(entry => entry.isFile()).map(entry => path.join(entry.parentPath, entry.name));

describe('the preview shows secrets on screen only (ink-testing-library, a real section preview of a sandbox)', () => {
	it('masks them until s; s shows them in the live frame and the help line says so; nothing of them reaches the scrollback, the transcript or a file', async () => {
		const made = screens.sandbox('snf-wizard-preview-');
		const {paths} = made;
		const deployment = sandboxDeployment(made);
		deployment.saveAnswer('pithosOauthSecret', canary);
		const preview = await deployment.preview('oauth');
		expect(preview.lines.some(line => line.text.includes(canary))).toBe(false);
		// In the clear: on oauth2-client-add's stdin and in the Pithos settings diff.
		expect(preview.revealed?.filter(line => line.text.includes(canary)).length).toBeGreaterThanOrEqual(2);
		// The command lines are the ones the admin sees (a long script under its short name), only the secrets written out.
		const commandLines = (lines: SectionPreview['lines']) => lines.filter(line => line.tone === 'changes' || line.tone === 'reads').map(line => line.text);
		expect(commandLines(preview.revealed!).map(text => text.replaceAll(canary, '••••'))).toEqual(commandLines(preview.lines));

		const app = screens.render(<Harness preview={preview}/>);
		const {stdin, frames} = app;
		const frame = () => app.lastFrame() ?? '';
		const press = async (key: string, until: () => boolean, what: string) => {
			stdin.write(key);
			await waitFor(until, what);
		};

		await waitFor(() => frame().includes('s secrets (screen only)'), 'the help line naming the key');
		expect(squeezed(frame())).not.toContain(canary);
		await press('s', () => squeezed(frame()).includes(canary), 'the secret in the frame');
		expect(frame()).toContain('s hide secrets');
		expect(frame()).toContain('Secrets shown on this screen only');
		await press('s', () => !squeezed(frame()).includes(canary), 'the secret masked again');
		expect(frame()).toContain('••••');
		await press('s', () => squeezed(frame()).includes(canary), 'the secret shown again');

		// Leave the screen while they are shown: the scrollback (replayed in every frame in debug mode) never holds them.
		const shownUntil = frames.length;
		await press('\u001B', () => frame().includes('next screen wrote this to the scrollback') && frame().includes('the next screen'), 'the next screen and its scrollback line');
		for (const later of frames.slice(shownUntil)) {
			expect(squeezed(later)).not.toContain(canary);
		}

		for (const file of allFiles(paths.root)) {
			expect(fs.readFileSync(file, 'utf8'), file).not.toContain(canary);
		}
	}, 60_000);
});
