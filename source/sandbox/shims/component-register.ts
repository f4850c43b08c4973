import crypto from 'node:crypto';
import {loadState, updateState} from '../state.js';
import type {ShimContext} from './context.js';
import {exportDefinitions} from './service-export.js';
import {pythonJson} from './table.js';
import snfManage from './snf-manage.js';

const components = {
	astakos: {description: 'account management component', example: 'https://accounts.example.synnefo.org/astakos'},
	cyclades: {description: 'compute component', example: 'https://compute.example.synnefo.org/cyclades'},
	pithos: {description: 'file storage component', example: 'https://storage.example.synnefo.org/pithos'},
} as const;

type Name = keyof typeof components;

class EndOfInput extends Error {}

async function ask(context: ShimContext, prompt: string): Promise<string> {
	context.out(prompt);
	const line = await context.readLine();
	if (line === undefined) {
		throw new EndOfInput();
	}

	return line;
}

async function yesNo(context: ShimContext, prompt: string): Promise<boolean> {
	for (;;) {
		 
		const answer = await ask(context, prompt);
		if (/^[yY]/.test(answer)) {
			return true;
		}

		if (/^[nN]/.test(answer)) {
			return false;
		}

		context.out('Please answer yes or no.\n');
	}
}

const manage = async (context: ShimContext, args: string[], input = '') => {
	const lines = input.split('\n');
	return snfManage({...context, args, readLine: async () => lines.shift()});
};

async function register(context: ShimContext, name: Name): Promise<boolean> {
	const {description} = components[name];
	const registered = loadState(context.sandbox).components.some(component => component.name === name);
	if (registered) {
		context.out(`The ${description} (${name}) is registered.\n`);
	}

	if (!(await yesNo(context, registered ? 'Re-register (y/n)? ' : `Register the ${description} (${name}) (y/n)? `))) {
		return false;
	}

	let base = '';
	let ui = '';
	do {
		context.out(`Registering the ${description} (${name}):\nGive the URL of ${name} base installation (e.g. ${components[name].example})\n`);
		 
		base = await ask(context, 'Base URL: ');
		context.out(`Give the URL of the ${name} UI (e.g. ${base.replace(/\/+$/, '')}/ui)\n`);
		 
		ui = await ask(context, 'UI URL: ');
	} while (!(await yesNo(context, `Register ${name} with the given URLs (y/n)? `)));

	if (registered) {
		if ((await manage(context, ['component-modify', name, '--base-url', base, '--ui-url', ui, '--purge-services'])) !== 0) {
			return false;
		}
	} else {
		const token = crypto.randomBytes(32).toString('base64url');
		updateState(context.sandbox, state => {
			state.components.push({id: Math.max(0, ...state.components.map(component => component.id)) + 1, name, uiUrl: ui, baseUrl: base, token, tokenCreated: new Date().toISOString()});
		});
		context.out(`Component ${name} created with ID ...\nAuth token: ${token}\n`);
		await ask(context, 'Please write down the token and press Enter to continue. ');
	}

	context.out(`Registering ${name}'s services and resources...\n`);
	const definitions = exportDefinitions(context, name, base);
	await manage(context, ['service-import', '--json', '-'], pythonJson(definitions));
	return !registered;
}

/** snf-component-register [astakos|cyclades|pithos]: the interactive bash script of snf-astakos-app (facts §3.5). */
export default async function componentRegister(context: ShimContext): Promise<number> {
	const [only] = context.args;
	if (only !== undefined && !(only in components)) {
		context.out(`${only} is not a recognized Synnefo component.\n`);
		return 1;
	}

	let added = false;
	try {
		for (const name of (only ? [only] : Object.keys(components)) as Name[]) {
			 
			added = (await register(context, name)) || added;
		}
	} catch (error) {
		if (error instanceof EndOfInput) {
			context.out('\n');
			return 1;
		}

		throw error;
	}

	if (added) {
		context.out("Now run 'snf-manage resource-modify --limit-interactive' to set the default limits of the new resources.\n");
	}

	return 0;
}
