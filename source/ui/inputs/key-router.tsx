import React, {createContext, useCallback, useContext, useLayoutEffect, useMemo, useRef, type ReactNode} from 'react';
import {useInput, type Key} from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

interface Router {
	register(handler: KeyHandler): () => void;
}

const RouterContext = createContext<Router | undefined>(undefined);

/**
 * One input subscription for the whole wizard. Ink 6.8's useInput subscribes in a passive effect, so a
 * key that arrives between a screen's first frame and that effect went to the screen it replaced and
 * was lost (an Enter typed fast, or on a busy machine). Screens register with useKeys() in a layout
 * effect instead: the new screen takes keys from the moment it is committed. The router itself stays
 * subscribed for the wizard's whole life (the run screen too reads its keys through it): an Ink
 * subscription switched back on after a run would again lose the first key typed on the next screen.
 */
export function KeyRouter({children}: {readonly children: ReactNode}) {
	const handlers = useRef<KeyHandler[]>([]);
	const route = useCallback((input: string, key: Key) => {
		// An Enter typed before the terminal was in raw mode (while the wizard started) reaches Ink as a line feed.
		const routed = input === '\n' ? {...key, return: true} : key;
		for (const handler of [...handlers.current]) {
			handler(input, routed);
		}
	}, []);
	useInput(route);
	const router = useMemo<Router>(() => ({
		register(handler) {
			handlers.current = [...handlers.current, handler];
			return () => {
				handlers.current = handlers.current.filter(candidate => candidate !== handler);
			};
		},
	}), []);
	return <RouterContext.Provider value={router}>{children}</RouterContext.Provider>;
}

/** Like useInput, through the KeyRouter when there is one (the wizard), else Ink's own (a screen tested alone). */
export function useKeys(handler: KeyHandler, options: {readonly isActive?: boolean} = {}) {
	const router = useContext(RouterContext);
	const isActive = options.isActive ?? true;
	const latest = useRef(handler);
	useLayoutEffect(() => {
		latest.current = handler;
	});
	useLayoutEffect(() => {
		if (!isActive || router === undefined) {
			return undefined;
		}

		return router.register((input, key) => {
			latest.current(input, key);
		});
	}, [isActive, router]);
	useInput(handler, {isActive: isActive && router === undefined});
}
