import type {AnswerValue} from '../../domain/answer-types.js';
import type {HostDefaults} from '../../domain/answers/host-defaults.js';
import {sectionQuestions, skippableSections} from '../../domain/answers/questions.js';
import {InputError} from '../../domain/errors.js';
import type {HostDefaultsInput} from '../../readers/host-defaults.js';
import {buildPlan} from '../../domain/plan/build-plan.js';
import {createRedactor} from '../../domain/redact.js';
import {sections, type SectionId} from '../../domain/sections.js';
import {inventoryHosts} from '../../runner/inventory-hosts.js';
import {generateSecret} from '../../state/answers-session.js';
import {journalFile, readJournalFile} from '../../state/journal.js';
import type {StatePaths} from '../../state/paths.js';
import type {Deployment, SuggestedValue} from '../../ui/deployment.js';
import type {SectionEntry} from '../../ui/flow/wizard-state.js';
import {editOperations, executorFactory} from '../run-wiring.js';
import {hostReads} from './host-reads.js';
import {testHost} from './host-test.js';
import {backendForm, withBackend} from './inventory-backends.js';
import {inputErrorText, inventoryRows, withHost} from './inventory-rows.js';
import {sectionPreview} from './section-preview.js';
import {journalOfOtherMachines} from './journal-machines.js';
import {sectionStates, unknownHere} from './section-states.js';
import {createSectionRunner} from './section-runner.js';
import {reportSudoPasswordNeed} from './sudo-need.js';
import {openWizardAnswers, type WizardAnswersRequest} from './wizard-answers.js';

/** Reads the answers' defaults from the hosts (readers/host-defaults.ts readHostDefaults; tests pass their own). */
export type ReadDefaults = (input: HostDefaultsInput) => Promise<HostDefaults>;

export interface DeploymentRequest extends WizardAnswersRequest {
	readonly description: string;
	readonly paths: StatePaths;
	readonly acceptNewHostKeys: boolean;
	readonly parallel: number;
	readonly readDefaults: ReadDefaults;
	/** A rehearsal: the sandbox checked at the end (sandbox verify). */
	readonly sandboxDirectory?: string;
	/** --break-lock (see SectionRunnerSetup). */
	readonly breakLock?: boolean;
	/** The command that starts the wizard again with --break-lock, for the lock's refusal. */
	readonly breakLockCommand?: string;
	/** The command that starts the journal over (default `snf-upgrade status --reset`). */
	readonly resetCommand?: string;
}

/** The runbook's sections with their questions; the paths and access used everywhere are asked in the first. */
export function wizardSections(): SectionEntry[] {
	return sections.map((section, index) => ({
		id: section.id,
		number: section.number,
		title: section.title,
		skippable: skippableSections.has(section.id),
		questions: [...(index === 0 ? sectionQuestions('general') : []), ...sectionQuestions(section.id)].map(question => question.spec.key),
	}));
}

const noInventory = () => new InputError('no inventory: the hosts to upgrade are not known', 'Describe your deployment in an answers file (snf-upgrade answers --list), then start the wizard with --answers FILE.');

/** The wizard's services for one deployment: answers, journal, executors and the one runner, behind the ui's Deployment. */
export function openDeployment(request: DeploymentRequest): Deployment {
	const answers = openWizardAnswers(request);
	const inventory = () => {
		const value = answers.inventory();
		if (value === undefined) {
			throw noInventory();
		}

		return value;
	};

	const redact = () => createRedactor(Object.values(answers.secrets()));
	const factory = async () => {
		const secrets = answers.secrets();
		return executorFactory({
			acceptNewHostKeys: request.acceptNewHostKeys,
			dryRun: false,
			needsSsh: inventoryHosts(inventory()).some(host => host.target.kind === 'ssh'),
			secrets: Object.values(secrets),
			...(secrets.sudoPassword === undefined ? {} : {sudoPassword: secrets.sudoPassword}),
		});
	};

	// Reads outside a section run; closed as the wizard ends (a host that never answers does not hold its exit).
	const reads = hostReads(factory);
	const {withPool} = reads;

	const planOf = (only: readonly SectionId[]) => {
		const skip = answers.skippedSections().filter(id => !only.includes(id as SectionId));
		return buildPlan({answers: answers.resolved(), inventory: inventory(), only, skip});
	};

	/** Saves the inventory as `change` makes it from the saved one; the parser's message when it refuses it. */
	const saveInventory = (change: (raw: Record<string, unknown>) => Record<string, unknown>): string | undefined => {
		try {
			answers.saveInventory(change(answers.rawInventory() ?? {}));
			return undefined;
		} catch (error) {
			return inputErrorText(error);
		}
	};

	/** Found by checkJournal: the journal is other machines' (its states are then unknown here). */
	let otherMachines = false;
	const {sandboxDirectory, breakLock, breakLockCommand} = request;
	const runner = createSectionRunner({
		answers, inventory, redact, factory, paths: request.paths, parallel: request.parallel, planOf,
		onOtherMachines() {
			otherMachines = true;
		},
		...(sandboxDirectory === undefined ? {} : {sandboxDirectory}),
		...(breakLock === undefined ? {} : {breakLock}),
		...(breakLockCommand === undefined ? {} : {breakLockCommand}),
	});
	return {
		description: request.description,
		sections: wizardSections(),
		sectionStates() {
			const labels = inventoryHosts(inventory()).map(host => host.label);
			const states = sectionStates(planOf([]).steps, readJournalFile(journalFile(request.paths.journals, labels)), answers.skippedSections());
			return otherMachines ? unknownHere(states) : states;
		},
		async checkJournal() {
			const note = await journalOfOtherMachines({
				inventory: inventory(), journals: request.paths.journals, withPool, parallel: request.parallel, resetCommand: request.resetCommand ?? 'snf-upgrade status --reset',
			});
			otherMachines = note !== undefined;
			return note;
		},
		inventory: () => inventoryRows(inventory(), answers.rawInventory() ?? {}),
		setHost: (path, text) => saveInventory(raw => withHost(raw, path, text)),
		backend: index => backendForm(answers.rawInventory() ?? {}, index),
		setBackend: (index, form) => saveInventory(raw => withBackend(raw, index, form)),
		async testHost(hostId, askHostKey) {
			const host = inventoryHosts(inventory()).find(candidate => candidate.id === hostId);
			if (host === undefined) {
				return {reachable: false, hostKey: 'not checked', problem: `no host ${hostId} in the inventory`};
			}

			return testHost(host, askHostKey, {closing: reads.closing});
		},
		readDefaults: async () => withPool(async pool => {
			const {sudoPassword} = answers.secrets();
			return request.readDefaults({inventory: inventory(), executors: pool, answers: answers.resolved(), parallel: request.parallel, ...(sudoPassword === undefined ? {} : {sudoPassword})});
		}),
		questionNeeds: async report => reportSudoPasswordNeed(inventoryHosts(inventory()), withPool, request.parallel, need => report('sudoPassword', need)),
		suggest(key, fromHosts): SuggestedValue {
			const resolved = answers.resolved();
			const given = answers.given()[key];
			if (given !== undefined) {
				return {value: given, origin: 'saved'};
			}

			const read = fromHosts.get(key);
			if (read !== undefined) {
				return {value: read.value, origin: `from ${read.source}`};
			}

			const source = resolved.source(key);
			return {value: resolved.get(key), origin: source === 'derived' ? 'derived' : (source === 'default' ? "the runbook's default" : 'no default')};
		},
		current: (key): AnswerValue | undefined => answers.resolved().get(key),
		saveAnswer: (key, value, how) => answers.save(key, value, how),
		keepsSecrets: () => answers.keepsSecrets(),
		secretKnown: key => typeof answers.given()[key] === 'string',
		saveSkipped: (section, skipped) => answers.saveSkipped(section, skipped),
		explain: section => planOf([section]).steps.map(step => ({title: step.title, why: step.why, notes: step.notes, ...(step.skipped === undefined ? {} : {skipped: step.skipped})})),
		generateSecret: key => answers.save(key, generateSecret(), {generated: true}),
		clearAnswer: key => answers.clear(key),
		preview: async section => withPool(async pool => sectionPreview(planOf([section]).steps, pool, editOperations(redact(), answers.secrets().sudoPassword))),
		startRun: section => runner.start(section),
		summary: () => runner.summary(),
		close: async () => reads.close(),
	};
}
