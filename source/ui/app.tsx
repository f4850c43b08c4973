import React, {useEffect, useReducer, useRef, useState} from 'react';
import {useApp, useInput} from 'ink';
import type {HostDefaults} from '../domain/answers/host-defaults.js';
import type {Deployment, WizardServices} from './deployment.js';
import {initialWizardState, wizardReducer} from './flow/wizard-reducer.js';
import type {WizardEnd, WizardState} from './flow/wizard-state.js';
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
	const [deployment, setDeployment] = useState<Deployment | undefined>();
	// The deployment opened last: what is read from the hosts for another (the configured one, after a rehearsal was
	// chosen) arrives late and is dropped, never shown over this one's screens.
	const current = useRef<Deployment | undefined>(undefined);
	const isCurrent = (of: Deployment) => current.current === of;
	// The configured deployment is opened after the welcome's first frame; until then the welcome says it is reading.
	const [opening, setOpening] = useState(services.configured !== undefined);
	const [state, dispatch] = useReducer(wizardReducer, undefined, () => initialWizardState([], {}));
	// A choice made on the welcome before the deployment was open: taken as soon as it is.
	const heldChoice = useRef<WelcomeChoice | undefined>(undefined);
	const [hostDefaults, setHostDefaults] = useState<HostDefaults>(new Map());
	const [message, setMessage] = useState<string | undefined>();
	// The journal was found to be other machines' (read from the hosts once the deployment is open): why, and the way out.
	const [journalNote, setJournalNote] = useState<string | undefined>();
	// The configured deployment could not be opened: the welcome is taken off the screen, then the wizard ends with the error.
	const [failure, setFailure] = useState<Error | undefined>();
	useInput((input, key) => {
		if (key.ctrl && input === 'c') {
			dispatch({type: 'quit'});
		}
	}, {isActive: state.screen.kind !== 'run'});

	useEffect(() => {
		if (state.screen.kind === 'exit') {
			const end: WizardEnd = {code: state.screen.code, finished: state.screen.finished === true};
			exit(end);
		}
	}, [state.screen, exit]);

	useEffect(() => {
		if (failure !== undefined) {
			// As when the deployment was opened before the first frame: cli.tsx prints the message (a bad answers file: exit 2).
			exit(failure);
		}
	}, [failure, exit]);

	// Only the latest check of the question needs counts (an earlier one may end after it).
	const needsCheck = useRef(0);
	/** The defaults and the question needs, read from the hosts as a walk starts. */
	const readFromHosts = (from: Deployment) => {
		from.readDefaults().then(defaults => {
			if (isCurrent(from)) {
				setHostDefaults(defaults);
			}
		}, (error: unknown) => {
			if (isCurrent(from)) {
				setMessage(`could not read defaults from the hosts: ${(error as Error).message}`);
			}
		});
		const check = ++needsCheck.current;
		from.questionNeeds((key, need) => {
			if (check === needsCheck.current) {
				dispatch({type: 'need', key, need});
			}
		}).catch((error: unknown) => {
			if (isCurrent(from)) {
				setMessage(`could not check the hosts' sudo: ${(error as Error).message}`);
			}
		});
	};

	/** From now on the screens are this deployment's: nothing read for the one before stays (its note, its hosts' defaults). */
	const openOnScreen = (opened: Deployment, states: WizardState['states']) => {
		current.current = opened;
		setDeployment(opened);
		setJournalNote(undefined);
		setHostDefaults(new Map());
		dispatch({type: 'deployment', sections: opened.sections, states});
	};

	useEffect(() => {
		// After the first frame is on screen: the welcome is drawn before conf, execa and the plan are loaded.
		// The journal read in the first step: an error reading it ends the wizard as open()'s does.
		services.configured?.open().then(opened => ({opened, states: opened.sectionStates()})).then(({opened, states}) => {
			openOnScreen(opened, states);
			setOpening(false);
			// A connection per host the journal recorded: after the first frame, the states updated when known (while
			// this deployment is still the one opened: a rehearsal chosen meanwhile is not its).
			opened.checkJournal().then(note => {
				if (note !== undefined && isCurrent(opened)) {
					setJournalNote(note);
					dispatch({type: 'states', states: opened.sectionStates()});
				}
			}, (error: unknown) => {
				if (isCurrent(opened)) {
					setMessage(`could not check the journal against the hosts: ${(error as Error).message}`);
				}
			});
		}, (error: unknown) => {
			setFailure(error instanceof Error ? error : new Error(String(error)));
		});
		// Once, at the start: services and exit do not change.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);

	const choose = (choice: WelcomeChoice) => {
		setMessage(undefined);
		if (choice === 'quit') {
			dispatch({type: 'quit'});
		} else if (opening) {
			// Taken once the deployment is open (a rehearsal too, so the two never race).
			heldChoice.current = choice;
			setMessage('That follows once the answers and the journal are read…');
		} else if (choice === 'describe') {
			setMessage(services.describeHint);
		} else if (choice === 'rehearse') {
			setMessage('Creating a fresh sandbox…');
			services.openRehearsal().then(rehearsal => {
				openOnScreen(rehearsal, rehearsal.sectionStates());
				setMessage(undefined);
				readFromHosts(rehearsal);
				dispatch({type: 'choose', choice: 'beginning'});
			}, (error: unknown) => {
				setMessage(`could not create the sandbox: ${(error as Error).message}`);
			});
		} else if (deployment !== undefined) {
			if (choice !== 'inventory') {
				readFromHosts(deployment);
			}

			dispatch({type: 'choose', choice});
		}
	};

	useEffect(() => {
		const held = heldChoice.current;
		if (!opening && held !== undefined) {
			heldChoice.current = undefined;
			choose(held);
		}
		// Only when the opening ends (choose is this render's, with the deployment in it).
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [opening]);

	if (failure !== undefined) {
		return null;
	}

	const screen = state.screen.kind === 'welcome' || deployment === undefined
		? <WelcomeScreen description={deployment?.description ?? services.configured?.description} reading={opening} sections={state.sections} states={state.states} listRows={size.rows - 14} columns={size.columns} onChoose={choose} {...(message === undefined ? {} : {message})} {...(journalNote === undefined ? {} : {note: journalNote})}/>
		: <WizardScreens deployment={deployment} state={state} dispatch={dispatch} hostDefaults={hostDefaults} size={size} onCrash={error => exit(error instanceof Error ? error : new Error(String(error)))}/>;
	// Every screen, the run screen included, takes its keys through the router.
	return <ScrollbackProvider><KeyRouter>{screen}</KeyRouter></ScrollbackProvider>;
}
