import React from 'react';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {KeyRouter, useKeys} from '../../source/ui/inputs/key-router.js';
import {waitFor} from '../helpers/wait-for.js';

let app: ReturnType<typeof render> | undefined;

afterEach(() => {
	app?.cleanup();
	app = undefined;
});

function Screen({onKey}: {readonly onKey: (input: string, enter: boolean) => void}) {
	useKeys((input, key) => {
		onKey(input, key.return);
	});
	return <Text>screen</Text>;
}

describe('KeyRouter', () => {
	it('a line feed (an Enter typed while the terminal was still in cooked mode) is an Enter; other keys pass as they are', async () => {
		const keys: Array<[string, boolean]> = [];
		app = render(<KeyRouter><Screen onKey={(input, enter) => keys.push([input, enter])}/></KeyRouter>);
		await waitFor(() => (app!.lastFrame() ?? '').includes('screen'), 'the screen');
		for (const chunk of ['\n', 'x', '\r']) {
			app.stdin.write(chunk);
			await new Promise(resolve => setImmediate(resolve));
		}

		expect(keys.map(([, enter]) => enter)).toEqual([true, false, true]);
		expect(keys[1]![0]).toBe('x');
	});
});
