import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {InputChannel} from '../../source/executors/executor.js';
import {createPromptBroker} from '../../source/executors/prompt-broker.js';
import {createSecretScrubber} from '../../source/executors/secret-scrubber.js';

function fakeChannel() {
	const typed: string[] = [];
	const failures: string[] = [];
	const channel: InputChannel = {
		write(text) {
			typed.push(text);
		},
		fail(reason) {
			failures.push(reason);
		},
	};
	return {channel, typed, failures};
}

describe('prompt broker rules (fake channel)', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});

	afterEach(() => {
		vi.useRealTimers();
	});

	it('answers a prompt once; more output after it does not re-answer it', () => {
		const broker = createPromptBroker({rules: [{match: String.raw`Confirm\? \[y/N\] `, answer: 'y', description: 'confirm'}]});
		const {channel, typed} = fakeChannel();
		broker.start(channel);
		broker.onOutput({stream: 'stdout', text: 'capacity: 10\nConf'});
		expect(typed).toEqual([]);
		broker.onOutput({stream: 'stdout', text: 'irm? [y/N] '});
		expect(typed).toEqual(['y\n']);
		broker.onOutput({stream: 'stdout', text: 'y\n'});
		broker.onOutput({stream: 'stdout', text: 'working\n'});
		expect(typed).toEqual(['y\n']);
		broker.onOutput({stream: 'stdout', text: 'Confirm? [y/N] '});
		expect(typed).toEqual(['y\n', 'y\n']);
		broker.stop();
	});

	it('does not answer prompt text that is not at the tail (the command went on)', () => {
		const broker = createPromptBroker({rules: [{match: 'Password: ', answer: 'x', description: 'pw'}]});
		const {channel, typed} = fakeChannel();
		broker.start(channel);
		broker.onOutput({stream: 'stdout', text: 'Password: changed for user synnefo\n'});
		expect(typed).toEqual([]);
		broker.stop();
	});

	it('a quiet command whose tail is no prompt is left alone', () => {
		const broker = createPromptBroker({rules: [], idleMs: 100});
		const {channel, failures} = fakeChannel();
		broker.start(channel);
		broker.onOutput({stream: 'stdout', text: 'Registering services...\n'});
		vi.advanceTimersByTime(1000);
		broker.onOutput({stream: 'stderr', text: 'progress 50%'});
		vi.advanceTimersByTime(1000);
		expect(failures).toEqual([]);
		broker.stop();
	});

	it.each(['Continue? ', 'Enter value: ', 'Proceed (y/n)', 'Really [y/N]', 'choice [1] ', 'mysql> '])(
		'a quiet command ending in %j is waiting for input',
		tail => {
			const broker = createPromptBroker({rules: [], idleMs: 100});
			const {channel, failures} = fakeChannel();
			broker.start(channel);
			broker.onOutput({stream: 'stdout', text: `line\n${tail}`});
			vi.advanceTimersByTime(99);
			expect(failures).toEqual([]);
			vi.advanceTimersByTime(1);
			expect(failures).toEqual([`waiting for input: ${tail}`]);
			broker.stop();
		},
	);

	it('the unknown-prompt tail is reported with known secrets masked', () => {
		const broker = createPromptBroker({rules: [{match: 'never', answer: {secret: 'k', value: 'hunter22'}, description: 'k'}], idleMs: 10});
		const {channel, failures} = fakeChannel();
		broker.start(channel);
		broker.onOutput({stream: 'stdout', text: 'retype hunter22: '});
		vi.advanceTimersByTime(10);
		expect(failures).toEqual(['waiting for input: retype ••••: ']);
	});

	it('no timer runs after stop()', () => {
		const broker = createPromptBroker({rules: [], idleMs: 10});
		const {channel, failures} = fakeChannel();
		broker.start(channel);
		broker.onOutput({stream: 'stdout', text: 'Name: '});
		broker.stop();
		vi.advanceTimersByTime(100);
		expect(failures).toEqual([]);
	});
});

describe('secret scrubber', () => {
	it('masks a secret split across chunks of one stream and holds back only a possible beginning', () => {
		const scrubber = createSecretScrubber(['abcdef']);
		expect(scrubber.filter({stream: 'stdout', text: 'x abc'})).toEqual({stream: 'stdout', text: 'x '});
		expect(scrubber.filter({stream: 'stderr', text: 'other'})).toEqual({stream: 'stderr', text: 'other'});
		expect(scrubber.filter({stream: 'stdout', text: 'def y a'})).toEqual({stream: 'stdout', text: '•••• y '});
		expect(scrubber.flush()).toEqual([{stream: 'stdout', text: 'a'}]);
		expect(scrubber.flush()).toEqual([]);
	});

	it('masks the longer secret first and passes text through when there are none', () => {
		expect(createSecretScrubber(['pass', 'password1']).scrub('password1 pass')).toBe('•••• ••••');
		const none = createSecretScrubber(['']);
		expect(none.filter({stream: 'stdout', text: 'a'})).toEqual({stream: 'stdout', text: 'a'});
	});
});
