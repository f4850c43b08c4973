import React from 'react';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import type {AnswerValue} from '../../source/domain/answer-types.js';
import {questionFor} from '../../source/domain/answers/questions.js';
import {answerSpecs} from '../../source/domain/answers-schema.js';
import type {QuestionNeed} from '../../source/domain/answers/sudo-password-need.js';
import type {SuggestedValue} from '../../source/ui/deployment.js';
import {QuestionScreen} from '../../source/ui/screens/question-screen.js';
import {waitFor} from '../helpers/wait-for.js';

const section = {id: 'auth-url' as const, number: '2.3', title: 'Configure the Astakos authentication URL', skippable: false, questions: ['astakosBaseUrl', 'astakosAuthUrl']};
let app: ReturnType<typeof render> | undefined;
afterEach(() => {
	app?.cleanup();
	app = undefined;
});

function ask(key: string, suggested: SuggestedValue, secret = {known: false, kept: false}, need?: QuestionNeed) {
	const answers: Array<AnswerValue | undefined> = [];
	const events = {back: 0, generated: 0};
	app = render(
		<QuestionScreen
			section={section}
			position={{index: 0, count: 2}}
			question={questionFor(answerSpecs.find(spec => spec.key === key)!)}
			suggested={suggested}
			valueOf={() => undefined}
			options={['1', '2', '7']}
			secret={secret}
			{...(need === undefined ? {} : {need})}
			onAnswer={value => answers.push(value)}
			onGenerate={() => events.generated++}
			onBack={() => events.back++}
		/>,
	);
	const {stdin, lastFrame, frames} = app;
	const frame = () => lastFrame() ?? '';
	/** Types into a hidden field: nothing shows, so wait for Ink to have drawn again. */
	const typeHidden = async (keys: string) => {
		const drawn = frames.length;
		stdin.write(keys);
		await waitFor(() => frames.length > drawn, 'a redraw');
	};
	/** Types one chunk and waits until the frame shows what it should. */
	const press = async (keys: string, until: (text: string) => boolean, what: string) => {
		stdin.write(keys);
		await waitFor(() => until(frame()), what);
		// A component mounted by this key subscribes to input in an effect after the frame is drawn (Shopify's wait).
		await new Promise(resolve => {
			setImmediate(() => setTimeout(resolve, 0));
		});
	};

	return {answers, events, frame, press, typeHidden};
}

describe('the question screen (ink-testing-library)', () => {
	it('shows where the default comes from, and the derived ASTAKOS_AUTH_URL follows the base URL as it is typed', async () => {
		const {frame, press, answers} = ask('astakosBaseUrl', {value: 'https://old.example.org/', origin: 'from cyclades: ASTAKOS_BASE_URL in force'});
		await waitFor(() => frame().includes('from cyclades: ASTAKOS_BASE_URL in force'), 'the origin of the default');
		expect(frame()).toContain('astakosAuthUrl follows: https://old.example.org/identity/v2.0');
		await press('\u0015', text => text.includes('(not known yet)'), 'the field cleared with Ctrl+U');
		await press('https://accounts.example.org/', text => text.includes('follows: https://accounts.example.org/identity/v2.0'), 'the derived value following the pasted URL');
		await press('\r', () => answers.length === 1, 'the answer');
		expect(answers).toEqual(['https://accounts.example.org/']);
	});

	it('rejects a wrong URL inline with the schema\'s message, then takes the corrected one', async () => {
		const {frame, press, answers} = ask('astakosBaseUrl', {value: undefined, origin: 'no default'});
		await waitFor(() => frame().includes('›'), 'the field');
		await press('accounts.example.org', text => text.includes('accounts.example.org'), 'the typed text');
		await press('\r', text => text.includes('expected an http:// or https:// URL with a host name'), 'the inline error');
		expect(answers).toEqual([]);
		await press('\u001B[H', text => text.includes('accounts'), 'Home');
		await press('https://', text => text.includes('✔') || !text.includes('expected an http'), 'the error gone once the value is valid');
		await press('\r', () => answers.length === 1, 'the answer');
		expect(answers).toEqual(['https://accounts.example.org']);
	});

	it('a held Backspace (one chunk of DEL bytes) erases characters and puts none into the answer', async () => {
		const {frame, press, answers} = ask('vncUser', {value: 'synnefo', origin: "the runbook's default"});
		await waitFor(() => frame().includes('synnefo'), 'the default');
		await press('\u007F\u007F\u007F', text => text.includes('› synn') && !text.includes('› synnefo'), 'three characters erased');
		await press('\r', () => answers.length === 1, 'the answer');
		expect(answers).toEqual(['synn']);
	});

	it('while the hosts are checked for the sudo password, nothing can be typed: keys go nowhere, Esc still goes back', async () => {
		const {frame, press, answers, events} = ask('sudoPassword', {value: undefined, origin: 'no default'}, {known: false, kept: false}, {state: 'checking', why: 'Checking whether sudo asks for a password on gnt3…'});
		await waitFor(() => frame().includes('Checking whether sudo asks for a password on gnt3…'), 'the check shown');
		expect(frame()).not.toContain('type it ›');
		expect(frame()).toMatch(/Esc back · Ctrl\+C quit/);
		await press('secret\r', text => text.includes('Checking'), 'still checking');
		await press('\u001B', () => events.back === 1, 'Esc');
		// Esc was read after the keys before it: they reached no field and gave no answer.
		expect(answers).toEqual([]);
		expect(frame()).not.toContain('secret');
	});

	it('a secret is typed twice, never shown, and a mismatch asks again', async () => {
		const {frame, press, answers, typeHidden} = ask('vncPassword', {value: undefined, origin: 'no default'});
		await waitFor(() => frame().includes('type it ›'), 'the secret field');
		await typeHidden('correct-horse');
		expect(frame()).not.toContain('correct-horse');
		expect(frame()).not.toMatch(/\*{3}/);
		await press('\r', text => text.includes('again   ›'), 'the second entry');
		await typeHidden('correct-horsX');
		await press('\r', text => text.includes('the two entries differ'), 'the mismatch');
		await typeHidden('correct-horse');
		await press('\r', text => text.includes('again   ›'), 'the second entry');
		await typeHidden('correct-horse');
		await press('\r', () => answers.length === 1, 'the answer');
		expect(answers).toEqual(['correct-horse']);
	});

	it('REMOTE_USER: the persistent-id set from the list, or a custom value validated by the schema', async () => {
		const {frame, press, answers} = ask('shibbolethRemoteUser', {value: 'eppn', origin: "the runbook's default"});
		await waitFor(() => frame().includes('keep eppn'), 'the choices');
		await press('\u001B[B', text => text.includes('❯ the persistent-id set'), 'the second choice highlighted');
		await press('\u001B[B', text => text.includes('❯ custom'), 'custom highlighted');
		await press('\r', text => text.includes('› eppn'), 'the custom field, starting from the value offered');
		await press('\u001B[F', text => text.includes('› eppn'), 'End');
		await press(' targeted-id', text => text.includes('eppn targeted-id'), 'typed at the end');
		await press('\r', () => answers.length === 1, 'the custom answer');
		expect(answers).toEqual(['eppn targeted-id']);
	});

	it('multi-select: Space toggles the networks read from the hosts, Enter takes the chosen ones; Esc goes back', async () => {
		const {frame, press, answers, events} = ask('floatingIpPoolNetworks', {value: ['1'], origin: 'from cyclades: network-list --public'});
		await waitFor(() => frame().includes('[x] 1'), 'the chosen network');
		await press('\u001B[B\u001B[B', text => text.includes('❯ [ ] 7'), 'the cursor on 7');
		await press(' ', text => text.includes('[x] 7'), 'network 7 chosen');
		await press('\r', () => answers.length === 1, 'the answer');
		expect(answers).toEqual([['1', '7']]);
		await press('\u001B', () => events.back === 1, 'Esc');
	});
});
