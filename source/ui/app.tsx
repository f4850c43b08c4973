import React, {useEffect, useReducer, useState} from 'react';
import {useApp, useInput} from 'ink';
import type {HostDefaults} from '../domain/answers/host-defaults.js';
import type {Deployment, WizardServices} from './deployment.js';
import {initialWizardState, wizardReducer} from './flow/wizard-reducer.js';
import {KeyRouter} from './inputs/key-router.js';
import {ScrollbackProvider} from './scrollback.js';
import {useTerminalSize} from './use-terminal-size.js';
import {WizardScreens} from './wizard-screens.js';
import {WelcomeScreen, type WelcomeChoice} from './screens/welcome-screen.js';

export interface AppProps {
	readonly services: WizardServices;
}

/** The wizard: welcome, hosts, each section (explain, ask, preview, run), summary. The only caller of exit(). */
export function App({services}: AppProps) {
	const {exit} = useApp();
	const size = useTerminalSize();
	const [deployment, setDeployment] = useState<Deployment | undefined>(services.deployment);
	const [state, dispatch] = useReducer(wizardReducer, undefined, () => initialWizardState(deployment?.sections ?? [], deployment?.sectionStates() ?? {}));
	const [hostDefaults, setHostDefaults] = useState<HostDefaults>(new Map());
	const [message, setMessage] = useState<string | undefined>();
	useInput((input, key) => {
		if (key.ctrl && input === 'c') {
			dispatch({type: 'quit'});
		}
	}, {isActive: state.screen.kind !== 'run'});

	useEffect(() => {
		if (state.screen.kind === 'exit') {
			exit(state.screen.code);
		}
	}, [state.screen, exit]);

	const readDefaults = (from: Deployment) => {
		from.readDefaults().then(setHostDefaults, (error: unknown) => {
			setMessage(`could not read defaults from the hosts: ${(error as Error).message}`);
		});
	};

	const choose = (choice: WelcomeChoice) => {
		setMessage(undefined);
		if (choice === 'quit') {
			dispatch({type: 'quit'});
		} else if (choice === 'describe') {
			setMessage(services.describeHint);
		} else if (choice === 'rehearse') {
			setMessage('Creating a fresh sandbox…');
			services.openRehearsal().then(rehearsal => {
				setDeployment(rehearsal);
				setMessage(undefined);
				dispatch({type: 'deployment', sections: rehearsal.sections, states: rehearsal.sectionStates()});
				readDefaults(rehearsal);
				dispatch({type: 'choose', choice: 'beginning'});
			}, (error: unknown) => {
				setMessage(`could not create the sandbox: ${(error as Error).message}`);
			});
		} else if (deployment !== undefined) {
			if (choice !== 'inventory') {
				readDefaults(deployment);
			}

			dispatch({type: 'choose', choice});
		}
	};

	const screen = state.screen.kind === 'welcome' || deployment === undefined
		? <WelcomeScreen description={deployment?.description} sections={state.sections} states={state.states} listRows={size.rows - 14} columns={size.columns} onChoose={choose} {...(message === undefined ? {} : {message})}/>
		: <WizardScreens deployment={deployment} state={state} dispatch={dispatch} hostDefaults={hostDefaults} size={size} onCrash={error => exit(error instanceof Error ? error : new Error(String(error)))}/>;
	// Every screen, the run screen included, takes its keys through the router.
	return <ScrollbackProvider><KeyRouter>{screen}</KeyRouter></ScrollbackProvider>;
}
