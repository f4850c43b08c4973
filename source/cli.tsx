#!/usr/bin/env node
import process from 'node:process';
import {packageVersion} from './cli-package.js';
import {helpScreen, parseCli} from './cli-options.js';
import {commands} from './commands/index.js';
import {noTerminalMessage, terminalProblem} from './commands/terminal-check.js';
import {loadWizard} from './commands/wizard-loader.js';
import {InputError, OperationError} from './domain/errors.js';
import {exitCodes} from './domain/exit-codes.js';
import {watchOutput} from './commands/output-errors.js';
import {projectName} from './state/paths.js';

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

/** The command the command line asks for: bad usage, like any InputError, is exit 2 with the message and its hint. */
async function runCommand(): Promise<number> {
	try {
		return await dispatch();
	} catch (error) {
		if (error instanceof InputError) {
			process.stderr.write(`snf-upgrade: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
			return exitCodes.input;
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
			return exitCodes.failed;
		}

		throw error;
	}
}

async function dispatch(): Promise<number> {
	const cli = parseCli(process.argv.slice(2));
	if (cli.asks !== undefined) {
		process.stdout.write(cli.asks === 'help' ? `${helpScreen()}\n` : `${packageVersion()}\n`);
		return 0;
	}

	// What ps and top show (as meow set it).
	process.title = projectName;
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
		process.stderr.write(`${helpScreen().replace(/^\n/, '')}\n`);
		return 2;
	}

	const handler = await load();
	return handler({input, flags: cli.flags, stdout: process.stdout, stderr: process.stderr, env: process.env});
}

process.exitCode = await main();
