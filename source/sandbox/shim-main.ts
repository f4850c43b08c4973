#!/usr/bin/env node
/**
 * Entry point of every sandbox shim: DIR/bin/<program> runs `node dist/sandbox/shim-main.cjs <program> ARGS`,
 * this file bundled by `npm run build` as one CommonJS file (no top-level await here: CommonJS has none).
 */
import process from 'node:process';
import {stdinLines} from './shims/context.js';
import type {ShimContext} from './shims/context.js';
import {programs, restoreCallerEnvironment} from './shim-programs.js';
import {actOut, hangs, matchingFault} from './faults.js';

async function main(): Promise<number> {
	restoreCallerEnvironment(process.env);
	const [program = '', ...args] = process.argv.slice(2);
	const load = programs[program];
	const sandbox = process.env['SNF_SANDBOX'];
	const host = process.env['SNF_SANDBOX_HOST'];
	if (!load || !sandbox || !host) {
		process.stderr.write(`snf-upgrade sandbox: ${load ? 'SNF_SANDBOX and SNF_SANDBOX_HOST must be set' : `unknown program '${program}'`}\n`);
		return 127;
	}

	const fault = matchingFault(sandbox, host, program, args);
	if (fault && hangs(fault)) {
		return actOut(sandbox, host, program, args, fault);
	}

	if (fault?.effect === 'fail') {
		process.stderr.write(`${fault.message ?? `${program}: failed (sandbox fault)`}\n`);
		return fault.exitCode ?? 1;
	}

	const lines = stdinLines();
	const context: ShimContext = {
		program,
		args,
		sandbox,
		host,
		env: process.env,
		out: text => process.stdout.write(text),
		err: text => process.stderr.write(text),
		readLine: lines.readLine,
	};
	try {
		return await (await load())(context);
	} finally {
		lines.close();
	}
}

void main().then(code => process.exit(code));
