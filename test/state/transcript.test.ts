import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {stateDirectory, statePaths} from '../../source/state/paths.js';
import {createTranscript} from '../../source/state/transcript.js';

let directory: string;

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-transcript-'));
});

afterEach(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

describe('transcript', () => {
	it('appends timestamped, indented, redacted records to a 0600 file', () => {
		const transcript = createTranscript(directory, {redact: text => text.replaceAll('s3cret', '••••'), now: () => new Date('2025-01-01T00:00:00Z'), label: 'run'});
		transcript.write('[s @ a] $ echo s3cret', 's3cret\nline two\n');
		transcript.write('[s @ a] exit 0');
		expect(path.basename(transcript.file!)).toBe('2025-01-01T00-00-00-000Z-run.log');
		expect(fs.readFileSync(transcript.file!, 'utf8')).toBe('2025-01-01T00:00:00.000Z [s @ a] $ echo ••••\n    ••••\n    line two\n2025-01-01T00:00:00.000Z [s @ a] exit 0\n');
		expect(fs.statSync(transcript.file!).mode & 0o777).toBe(0o600);
	});

	it('indents every line of a body as it is (non-ASCII, CR, tabs, empty lines), dropping only one newline at its end', () => {
		const transcript = createTranscript(directory, {redact: text => text, now: () => new Date('2025-01-01T00:00:00Z')});
		const bodies = ['é ünïcode ✓ 🚀\n\tx\r\n\n', '\n', 'a\n\n', 'no newline', '\n\nb'];
		for (const body of bodies) {
			transcript.write('h', body);
		}

		const records = ['    é ünïcode ✓ 🚀\n    \tx\r\n    \n', '    \n', '    a\n    \n', '    no newline\n', '    \n    \n    b\n'];
		expect(fs.readFileSync(transcript.file!, 'utf8')).toBe(records.map(record => `2025-01-01T00:00:00.000Z h\n${record}`).join(''));
	});

	it('has each record in the file when write returns: nothing queued in memory, however fast records come', () => {
		const transcript = createTranscript(directory, {redact: text => text, now: () => new Date('2025-01-01T00:00:00Z')});
		const block = Array.from({length: 10_000}, (_, index) => String(index)).join('\n');
		for (let round = 1; round <= 20; round++) {
			transcript.write(`[s @ a] output ${round}`, block);
			const text = fs.readFileSync(transcript.file!, 'utf8');
			expect(text.endsWith(`[s @ a] output ${round}\n${block.replaceAll(/^/gm, '    ')}\n`)).toBe(true);
		}
	});
});

describe('state directory', () => {
	it('is --state-dir when given, else the XDG config dir like conf (without its -nodejs suffix)', () => {
		expect(stateDirectory('rel/dir', {})).toBe(path.resolve('rel/dir'));
		expect(stateDirectory(undefined, {HOME: '/home/x'}, 'linux')).toBe('/home/x/.config/snf-upgrade');
		expect(stateDirectory(undefined, {HOME: '/home/x', XDG_CONFIG_HOME: '/cfg'}, 'linux')).toBe('/cfg/snf-upgrade');
		expect(stateDirectory(undefined, {HOME: '/home/x', XDG_CONFIG_HOME: 'relative'}, 'linux')).toBe('/home/x/.config/snf-upgrade');
		expect(stateDirectory(undefined, {HOME: '/Users/x'}, 'darwin')).toBe('/Users/x/Library/Preferences/snf-upgrade');
		expect(statePaths('/s')).toEqual({root: '/s', answers: '/s/answers.json', journals: '/s/journals', transcripts: '/s/transcripts', rehearsals: '/s/rehearsals', retry: '/s/retry'});
	});
});
