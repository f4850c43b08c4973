import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cli, ensureCliBuilt} from '../e2e/run-helpers.js';
import {isDeploymentCode, isInkOrReact, moduleRecorder, modulesLoadedBy} from '../helpers/loaded-modules.js';
import {openTerminal, type Terminal} from '../helpers/tmux.js';
import {squeezed} from '../helpers/squeezed.js';
import {waitFor} from '../helpers/wait-for.js';

const fetchRecorder = fileURLToPath(new URL('../fixtures/start-up/record-fetches.mjs', import.meta.url));
const example = fileURLToPath(new URL('../fixtures/plan/example-answers.json', import.meta.url));
let work: string;
let terminal: Terminal | undefined;

beforeAll(() => {
	ensureCliBuilt();
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-start-up-'));
}, 120_000);

afterEach(() => {
	terminal?.close();
	terminal = undefined;
});

afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

describe('start-up of the built CLI', () => {
	const cases: Array<readonly string[]> = [
		['--version'],
		['--help'],
		['plan', '--answers', example],
		['answers', '--list'],
		['status', '--state-dir', 'STATE'],
		['run', '--state-dir', 'STATE'],
		['no-such-command'],
		[],
	];
	it.each(cases.map(args => [args.join(' ') || '(no arguments)', args] as const))('snf-upgrade %s without a terminal loads neither Ink nor React', (_name, args) => {
		const log = path.join(work, `modules-${args.join('-').replaceAll('/', '_')}.log`);
		const loaded = modulesLoadedBy(args.map(arg => arg.replace('STATE', path.join(work, 'state'))), log);
		expect(loaded.some(url => url.endsWith('/dist/cli.js'))).toBe(true);
		expect(loaded.filter(url => isInkOrReact(url))).toEqual([]);
	});

	it('--version and --help load the same modules, none of them a dependency’s code (the option parser is node:util’s)', () => {
		const version = (JSON.parse(fs.readFileSync(path.join(path.dirname(cli), '..', 'package.json'), 'utf8')) as {version: string}).version;
		const result = spawnSync(process.execPath, [cli, '--version'], {encoding: 'utf8'});
		expect(result.status).toBe(0);
		expect(result.stdout).toBe(`${version}\n`);
		// The same set: the order the recorder sees them in varies with how the loader's reads finish.
		const forVersion = modulesLoadedBy(['--version'], path.join(work, 'modules-version-parser.log'));
		expect(modulesLoadedBy(['--help'], path.join(work, 'modules-help-parser.log')).toSorted()).toEqual(forVersion.toSorted());
		// What each loaded file of the bundle was built from, by its source map: the check can see a dependency (the wizard's chunks hold Ink's).
		const sourcesOf = (url: string) => (JSON.parse(fs.readFileSync(`${fileURLToPath(url)}.map`, 'utf8')) as {sources: string[]}).sources;
		const bundled = forVersion.filter(url => url.startsWith('file:'));
		expect(bundled.length).toBeGreaterThan(0);
		expect(bundled.flatMap(url => sourcesOf(url)).filter(source => source.includes('node_modules/'))).toEqual([]);
		const chunks = path.join(path.dirname(cli), 'chunks');
		expect(fs.readdirSync(chunks).filter(file => file.endsWith('.js')).some(file => sourcesOf(pathToFileURL(path.join(chunks, file)).href).some(source => source.includes('node_modules/ink/')))).toBe(true);
	});

	it('the wizard in a terminal does load them (the check above can see Ink and React); its welcome with no deployment fetches nothing and loads neither conf nor execa', async () => {
		const log = path.join(work, 'modules-wizard.log');
		const fetches = path.join(work, 'fetches-wizard.log');
		fs.writeFileSync(log, '');
		fs.writeFileSync(fetches, '');
		terminal = openTerminal(['env', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', `SNF_MODULE_LOG=${log}`, `SNF_FETCH_LOG=${fetches}`, process.execPath, '--import', moduleRecorder, '--import', fetchRecorder, cli, '--state-dir', path.join(work, 'wizard-state')], {cwd: work, width: 80, height: 24});
		await waitFor(() => fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).some(url => isInkOrReact(url)), 'Ink and React to load', 30_000);
		await terminal.waitForScreen(/letter shortcut/, 'the wizard’s welcome');
		// yoga-layout (Ink's layout) would "fetch" its own wasm from a data: URL, loading undici (HTTP, zlib, web streams) to decode base64.
		expect(fs.readFileSync(fetches, 'utf8')).toBe('');
		// They are loaded when a deployment is opened, after the welcome's first frame.
		const loaded = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
		expect(loaded.filter(url => isDeploymentCode(url))).toEqual([]);
		// The check can see them: the bundle does carry them, in chunks of their own.
		const chunks = path.join(path.dirname(cli), 'chunks');
		expect(fs.readdirSync(chunks).filter(file => file.endsWith('.js')).some(file => isDeploymentCode(pathToFileURL(path.join(chunks, file)).href))).toBe(true);
	});
});

describe('the bundle', () => {
	it('carries yoga’s wasm as a file beside the chunk that reads it, not as base64 text to decode at every start', () => {
		const chunks = path.join(path.dirname(cli), 'chunks');
		expect(fs.readFileSync(path.join(chunks, 'yoga.wasm')).subarray(0, 4).toString('latin1')).toBe('\0asm');
		const scripts = fs.readdirSync(chunks).filter(file => file.endsWith('.js')).map(file => fs.readFileSync(path.join(chunks, file), 'utf8'));
		// "AGFzbQ" is "\0asm" in base64: the start of any embedded wasm.
		expect(scripts.filter(text => text.includes('AGFzbQ'))).toEqual([]);
		expect(scripts.filter(text => text.includes('"./yoga.wasm"'))).toHaveLength(1);
	});

	it('builds an Intl.Segmenter in one place only, simple-segments’ lazySegmenter (a module that builds one as it loads costs the start ICU’s break rules)', () => {
		const chunks = path.join(path.dirname(cli), 'chunks');
		const built = fs.readdirSync(chunks).filter(file => file.endsWith('.js')).map(file => fs.readFileSync(path.join(chunks, file), 'utf8').split('new Intl.Segmenter').length - 1);
		expect(built.reduce((sum, count) => sum + count, 0)).toBe(1);
	});
});

describe('bare snf-upgrade without a usable terminal', () => {
	const expectMessage = (text: string, why: RegExp) => {
		expect(text).toMatch(why);
		for (const command of ['snf-upgrade plan', 'snf-upgrade run --yes', '--answers FILE', '--set KEY=VALUE']) {
			expect(text).toContain(command);
		}

		expect(text).not.toMatch(/Raw mode/);
	};

	it('stdin not a terminal: exit 2 naming what to run instead', () => {
		const result = spawnSync(process.execPath, [cli], {env: {...process.env, CI: ''}, stdio: ['pipe', 'pipe', 'pipe'], input: '', encoding: 'utf8'});
		expect(result.status).toBe(2);
		expectMessage(result.stderr, /needs a terminal, and stdin is not a terminal/);
	});

	const inTerminal = async (shell: string, why: RegExp) => {
		const out = path.join(work, `out-${Math.random().toString(36).slice(2)}`);
		terminal = openTerminal(['sh', '-c', `${shell} 2>${out}`, 'sh', process.execPath, cli], {cwd: work, width: 80, height: 24});
		expect(await terminal.exitStatus()).toBe(2);
		expectMessage(fs.readFileSync(out, 'utf8'), why);
	};

	it('stdout not a terminal (piped): exit 2', async () => {
		await inTerminal(`env -u CI -u CONTINUOUS_INTEGRATION "$@" >${path.join(work, 'stdout')}`, /stdout is not a terminal/);
	});

	it('CI set: exit 2', async () => {
		await inTerminal('CI=true "$@"', /CI is set/);
	});

	it('TERM=dumb: exit 2', async () => {
		await inTerminal('env -u CI -u CONTINUOUS_INTEGRATION TERM=dumb "$@"', /TERM is dumb/);
	});

	it('a terminal that reports 0 rows: exit 2', async () => {
		await inTerminal('stty rows 0 cols 0; env -u CI -u CONTINUOUS_INTEGRATION "$@"', /reports no size/);
	});
});

describe('the wizard with an answers file it cannot take in', () => {
	it('exit 2 with the message naming the file (as when it was read before the welcome), the welcome taken off the screen', async () => {
		const answers = path.join(work, 'bad-answers.json');
		fs.writeFileSync(answers, '{"answers": {}}\n');
		const out = path.join(work, 'bad-answers.err');
		terminal = openTerminal(['sh', '-c', `env -u CI -u CONTINUOUS_INTEGRATION "$@" 2>${out}`, 'sh', process.execPath, cli, '--answers', answers, '--state-dir', path.join(work, 'bad-answers-state')], {cwd: work, width: 80, height: 24});
		expect(await terminal.exitStatus()).toBe(2);
		expect(fs.readFileSync(out, 'utf8')).toContain(`snf-upgrade: ${answers}: version: expected 1`);
		expect(terminal.screen()).not.toContain('letter shortcut');
	});
});

describe('rehearse (npm start)', () => {
	it('in a terminal opens the wizard on a fresh sandbox; quitting it at the welcome exits as the wizard\'s quit (0), says where the sandbox is and how to go on, and verifies nothing', async () => {
		const state = path.join(work, 'rehearse-state');
		terminal = openTerminal(['env', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', process.execPath, cli, 'rehearse', '--state-dir', state], {cwd: work, width: 80, height: 24});
		// The welcome is drawn first, then the deployment opens and its journal gives the sections' states.
		const welcome = await terminal.waitForScreen(/Resume at 0/, 'the wizard’s welcome with the sections’ states');
		expect(welcome).toContain('the wizard walks you through upgrading it to 0.15');
		expect(welcome).toMatch(/to do +0 +Before the upgrade/);
		terminal.press('q');
		expect(await terminal.exitStatus()).toBe(0);
		const [rehearsal] = fs.readdirSync(path.join(state, 'rehearsals'));
		const place = path.join(state, 'rehearsals', rehearsal!);
		const screen = squeezed(terminal.screen());
		expect(screen).toContain(squeezed('You left the rehearsal before it finished'));
		expect(screen).toContain(squeezed(`sandbox: ${path.join(place, 'sandbox')}`));
		expect(screen).toContain(squeezed(`go on: snf-upgrade --answers ${path.join(place, 'sandbox', 'answers.json')} --state-dir ${path.join(place, 'state')}`));
		// `sandbox verify` of a sandbox not upgraded is a page of FAIL lines and "N of M checks failed": none of it.
		expect(screen).not.toContain('FAIL');
		expect(screen).not.toContain(squeezed('checks failed'));
		expect(screen).not.toContain(squeezed('Checking the upgraded sandbox'));
	});
});
