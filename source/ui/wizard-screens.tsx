import React, {useEffect, useMemo, useState} from 'react';
import type {Dispatch} from 'react';
import type {AnswerValue} from '../domain/answer-types.js';
import type {HostDefaults} from '../domain/answers/host-defaults.js';
import {questionFor} from '../domain/answers/questions.js';
import {answerSpecs} from '../domain/answers-schema.js';
import type {Deployment, SectionPreview} from './deployment.js';
import {askedQuestions} from './flow/asked-questions.js';
import type {WizardAction, WizardState} from './flow/wizard-state.js';
import {RunScreen} from './run/run-screen.js';
import {IntroScreen} from './screens/intro-screen.js';
import {InventoryScreen} from './screens/inventory-screen.js';
import {PreviewScreen} from './screens/preview-screen.js';
import {QuestionScreen} from './screens/question-screen.js';
import {SummaryScreen} from './screens/summary-screen.js';
import type {TerminalSize} from './use-terminal-size.js';

export interface WizardScreensProps {
	readonly deployment: Deployment;
	readonly state: WizardState;
	readonly dispatch: Dispatch<WizardAction>;
	readonly hostDefaults: HostDefaults;
	readonly size: TerminalSize;
	/** A bug (the runner threw): the wizard ends with the error and its stack. */
	readonly onCrash: (error: unknown) => void;
}

const specOf = (key: string) => answerSpecs.find(spec => spec.key === key)!;
/** Rows of the body: the frame's heading, margins and help line take the rest (the frame stays shorter than the terminal). */
const bodyRows = (size: TerminalSize) => Math.max(3, size.rows - 6);

/** Every screen after the welcome, picked by the reducer's state; answers are saved before the flow moves on. */
export function WizardScreens({deployment, state, dispatch, hostDefaults, size, onCrash}: WizardScreensProps) {
	const {screen} = state;
	const sectionIndex = 'section' in screen ? screen.section : -1;
	const section = state.sections[sectionIndex];
	const [preview, setPreview] = useState<{readonly index: number; readonly preview: SectionPreview} | undefined>();
	useEffect(() => {
		if (screen.kind === 'preview' && section !== undefined) {
			let current = true;
			setPreview(undefined);
			void deployment.preview(section.id).then(value => {
				if (current) {
					setPreview({index: sectionIndex, preview: value});
				}
			}, (error: unknown) => {
				setPreview({index: sectionIndex, preview: {lines: [{text: `cannot preview: ${(error as Error).message}`, tone: 'note'}]}});
			});
			return () => {
				current = false;
			};
		}

		return undefined;
	}, [screen.kind, sectionIndex, section, deployment]);

	const start = useMemo(() => (section === undefined ? undefined : deployment.startRun(section.id)), [deployment, section]);
	switch (screen.kind) {
		case 'inventory': {
			return <InventoryScreen inventory={() => deployment.inventory()} height={bodyRows(size)} testHost={async (id, ask) => deployment.testHost(id, ask)} setHost={(path, text) => deployment.setHost(path, text)} backend={index => deployment.backend(index)} setBackend={(index, form) => deployment.setBackend(index, form)} onDone={() => dispatch({type: 'inventory-done'})}/>;
		}

		case 'intro': {
			return (
				<IntroScreen
					section={section!}
					steps={deployment.explain(section!.id)}
					rows={bodyRows(size)}
					columns={size.columns}
					onNext={() => {
						if (state.states[section!.id] === 'skipped') {
							deployment.saveSkipped(section!.id, false);
						}

						dispatch({type: 'next'});
					}}
					onSkip={() => {
						deployment.saveSkipped(section!.id, true);
						dispatch({type: 'skip-section'});
					}}
					onBack={() => dispatch({type: 'back'})}
				/>
			);
		}

		case 'question': {
			const key = section!.questions[screen.question]!;
			const asked = askedQuestions(state, sectionIndex);
			const need = state.needs[key];
			const question = questionFor(specOf(key));
			const suggested = deployment.suggest(key, hostDefaults);
			const read = hostDefaults.get(key)?.value;
			const answer = (value: AnswerValue | undefined) => {
				if (value === undefined) {
					if (question.spec.optional && !deployment.secretKnown(key)) {
						deployment.clearAnswer(key);
					}
				} else if (!(question.spec.derive !== undefined && suggested.origin === 'derived' && JSON.stringify(value) === JSON.stringify(suggested.value))) {
					// A derived value accepted as offered stays derived: it follows its inputs if they change later.
					deployment.saveAnswer(key, value);
				}

				dispatch({type: 'next'});
			};

			return (
				<QuestionScreen
					key={key}
					section={section!}
					position={{index: asked.indexOf(key), count: asked.length}}
					question={question}
					suggested={suggested}
					valueOf={other => deployment.current(other)}
					options={Array.isArray(read) ? read : []}
					secret={{known: deployment.secretKnown(key), kept: deployment.keepsSecrets()}}
					{...(need === undefined ? {} : {need})}
					onAnswer={answer}
					onGenerate={() => {
						deployment.generateSecret(key);
						dispatch({type: 'next'});
					}}
					onBack={() => dispatch({type: 'back'})}
				/>
			);
		}

		case 'preview': {
			return (
				<PreviewScreen
					key={sectionIndex}
					section={section!}
					preview={preview?.index === sectionIndex ? preview.preview : undefined}
					rows={bodyRows(size)}
					columns={size.columns}
					onRun={stepMode => dispatch({type: 'run', stepMode})}
					onLater={() => dispatch({type: 'next'})}
					onBack={() => dispatch({type: 'back'})}
					onQuit={() => dispatch({type: 'quit'})}
				/>
			);
		}

		case 'run': {
			return (
				<RunScreen
					key={sectionIndex}
					start={start!}
					stepMode={screen.stepMode}
					onError={onCrash}
					onFinished={result => dispatch({type: 'run-finished', outcome: result.outcome, state: deployment.sectionStates()[section!.id] ?? 'unknown', ...(result.notRun === undefined ? {} : {notRun: result.notRun})})}
				/>
			);
		}

		case 'summary': {
			return <SummaryScreen summary={deployment.summary()} rows={bodyRows(size)} columns={size.columns} onClose={() => dispatch({type: 'quit'})}/>;
		}

		default: {
			return null;
		}
	}
}
