import fs from 'node:fs';
import path from 'node:path';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {InventoryScreen} from '../../source/ui/screens/inventory-screen.js';
import {waitFor} from '../helpers/wait-for.js';
import {sandboxDeployment, sandboxScreens} from './sandbox-screens.js';

const screens = sandboxScreens();

type SavedBackend = {name: string; master: unknown; nodes: unknown[]};
const savedBackends = (state: string) => (JSON.parse(fs.readFileSync(path.join(state, 'answers.json'), 'utf8')) as {inventory: {ganeti: SavedBackend[]}}).inventory.ganeti;

describe('the inventory screen: Ganeti backends (ink-testing-library, the real parser and answers store)', () => {
	it('adds a backend (master and nodes), refuses one the parser refuses with its message, and edits one keeping its saved hosts', async () => {
		const made = screens.sandbox('snf-wizard-inventory-');
		const {paths} = made;
		const deployment = sandboxDeployment(made);
		const before = savedBackends(paths.root);
		const app = screens.render(
			<InventoryScreen
				inventory={() => deployment.inventory()} height={40} testHost={async () => ({reachable: false, hostKey: 'not checked'})}
				setHost={(where, text) => deployment.setHost(where, text)} backend={index => deployment.backend(index)} setBackend={(index, form) => deployment.setBackend(index, form)}
				onDone={() => {}}
			/>,
		);
		const frame = () => app.lastFrame() ?? '';
		const press = async (keys: string, until: (text: string) => boolean, what: string) => {
			app.stdin.write(keys);
			await waitFor(() => until(frame()), () => `${what} (last frame:\n${frame()})`);
			// The field the key mounted takes keys once React has run its effects.
			await new Promise(resolve => {
				setImmediate(() => setTimeout(resolve, 0));
			});
		};

		await waitFor(() => frame().includes('g new backend'), 'the help line naming the key');
		await press('g', text => text.includes('A new Ganeti backend'), 'the backend form');
		await press('ganeti3\r', text => text.includes('› master'), 'the master field');
		await press('root@gnt9.example.org\r', text => text.includes('› nodes'), 'the nodes field');
		await press('root@gnt9.example.org, root@gnt10.example.org\r', text => text.includes('ganeti3 node'), 'the new backend in the list');
		expect(frame()).toMatch(/ganeti3 master\s+root@gnt9\.example\.org/);
		expect(frame()).toMatch(/ganeti3 node\s+root@gnt10\.example\.org/);
		expect(savedBackends(paths.root).at(-1)).toEqual({name: 'ganeti3', master: 'root@gnt9.example.org', nodes: ['root@gnt9.example.org', 'root@gnt10.example.org']});

		// The same name again: the parser's own message, nothing saved; ↑ goes back to the name.
		await press('g', text => text.includes('A new Ganeti backend'), 'the backend form again');
		await press('ganeti3\r', text => text.includes('› master'), 'the master field');
		await press('root@gnt11.example.org\r', text => text.includes('› nodes'), 'the nodes field');
		await press('\r', text => text.includes("the backend name 'ganeti3' is used twice"), 'the parser\'s message');
		expect(savedBackends(paths.root)).toHaveLength(before.length + 1);
		await press('\u001B[A', text => text.includes('› master'), 'the previous field');
		await press('\u001B[A', text => text.includes('› backend name'), 'the name field');
		await press('\u0015', text => !text.includes(': ganeti3'), 'the name cleared');
		await press('ganeti4\r', text => text.includes('› master'), 'the master kept');
		await press('\r', text => text.includes('› nodes'), 'the nodes');
		await press('\r', text => text.includes('ganeti4 master'), 'the corrected backend saved');
		expect(savedBackends(paths.root)).toHaveLength(before.length + 2);

		// Edit ganeti1 (its hosts are sandbox entries, {"name", "local": …}): one node added, the others kept as saved.
		while (!/❯ ganeti1 master/.test(frame())) {
			await press('\u001B[B', () => true, 'a move');
		}

		await press('b', text => text.includes('Ganeti backend ganeti1'), 'the form of ganeti1');
		await press('\r', text => text.includes('› master'), 'its master');
		await press('\r', text => text.includes('› nodes'), 'its nodes');
		await press('\u001B[F', () => true, 'End');
		await press(', root@gnt12.example.org\r', text => text.includes('root@gnt12.example.org') && !text.includes('› nodes'), 'the node added');
		const edited = savedBackends(paths.root)[0]!;
		expect(edited.nodes.at(-1)).toBe('root@gnt12.example.org');
		expect(edited.nodes.slice(0, -1)).toEqual(before[0]!.nodes);
		expect(edited.master).toEqual(before[0]!.master);
		expect(deployment.inventory().filter(row => row.role === 'ganeti1 node').map(row => row.label)).toContain('root@gnt12.example.org');
	}, 60_000);
});
