#!/usr/bin/env node
import process from 'node:process';
import {asksVersionOnly, packageVersion} from './cli-version.js';
import {commands} from './commands/index.js';
import {noTerminalMessage, terminalProblem} from './commands/terminal-check.js';
import {loadWizard} from './commands/wizard-loader.js';
import {InputError, OperationError} from './domain/errors.js';
import {watchOutput} from './commands/output-errors.js';

async function main(): Promise<number> {
	const output = watchOutput(process.stdout, process.stderr);
	const code = await runCommand();
	// A failed write is reported on a later tick: let it arrive.
	await new Promise(resolve => {
		setImmediate(resolve);
	});
	// A command that already failed (or, like run, handled its lost output) has said what happened.
	const {message, failed} = output.report();
	if (code !== 0 || !failed) {
		return code;
	}

	process.stderr.write(`${message!}\n`);
	return 1;
}

async function runCommand(): Promise<number> {
	const argv = process.argv.slice(2);
	if (asksVersionOnly(argv)) {
		process.stdout.write(`${packageVersion()}\n`);
		return 0;
	}

	// The option parser (meow and what it loads) is most of a bare start: loaded only past --version.
	const {parseCli} = await import('./cli-options.js');
	let cli;
	try {
		cli = parseCli(argv);
	} catch (error) {
		const hint = error instanceof InputError && error.hint ? `  ${error.hint}\n` : '';
		process.stderr.write(`snf-upgrade: ${(error as Error).message}\n${hint}`);
		return 2;
	}

	const [name = '', ...input] = cli.input;
	if (name === '') {
		// No usable terminal: say what to run instead before Ink is ever loaded (it would fail on raw mode).
		const problem = terminalProblem(process, process.env);
		if (problem !== undefined) {
			process.stderr.write(noTerminalMessage(problem, 'check' in commands));
			return 2;
		}
	}

	const load = name === '' ? async () => loadWizard(cli.flags) : commands[name];
	if (!load) {
		process.stderr.write(`snf-upgrade: unknown command '${name}'.\n`);
		process.stderr.write(cli.help.replace(/^\n/, '') + '\n');
		return 2;
	}

	try {
		const handler = await load();
		return await handler({input, flags: cli.flags, stdout: process.stdout, stderr: process.stderr, env: process.env});
	} catch (error) {
		if (error instanceof InputError) {
			process.stderr.write(`snf-upgrade: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
			return 2;
		}

		if (error instanceof OperationError) {
			const {host, command, exitCode, outputTail, hint} = error.details;
			const lines = [
				`snf-upgrade: ${error.message}`,
				host ? `  host: ${host}` : '',
				command ? `  command: ${command}` : '',
				exitCode === undefined ? '' : `  exit code: ${exitCode}`,
				outputTail ? `  output:\n${outputTail.replace(/^/gm, '    ')}` : '',
				hint ? `  next: ${hint}` : '',
			];
			process.stderr.write(lines.filter(Boolean).join('\n') + '\n');
			return 1;
		}

		throw error;
	}
}

process.exitCode = await main();
