import type {AnswerValue} from '../domain/answer-types.js';
import type {NotRunReason} from '../domain/exit-codes.js';
import type {HostDefaults} from '../domain/answers/host-defaults.js';
import type {QuestionNeed} from '../domain/answers/sudo-password-need.js';
import type {RootAccess} from '../domain/parsers/root-access.js';
import type {SectionId} from '../domain/sections.js';
import type {RunHooks} from './run/run-hooks.js';
import type {RunResult} from '../runner/run-types.js';
import type {SectionEntry, SectionState} from './flow/wizard-state.js';

/** One host of the inventory, per role, as the inventory screen lists it. */
export interface InventoryRow {
	/** "astakos", "ganeti1 master", "ganeti1 node" … */
	readonly role: string;
	readonly hostId: string;
	/** "local (/tmp/sb/cyclades)", "admin@cyclades.example.org:2222". */
	readonly label: string;
	/** Where it is written in the inventory: "astakos", "ganeti[0].master", "ganeti[0].nodes[1]". */
	readonly path: string;
	/** The Ganeti backend it belongs to (its index in the inventory), for a master or node. */
	readonly backend?: number;
}

/** A Ganeti backend as the inventory screen edits it. */
export interface BackendForm {
	/** The backend's name (usually the cluster's). */
	readonly name: string;
	/** "local" or [user@]host[:port]. */
	readonly master: string;
	/** The nodes, separated by commas (the master is one of them whether listed or not). */
	readonly nodes: string;
}

/** What the connection test found on one host. */
export interface HostCheck {
	readonly reachable: boolean;
	readonly loginUser?: string;
	/** How commands that need root run there. */
	readonly root?: RootAccess;
	readonly hostKey: 'local' | 'known' | 'accepted' | 'refused' | 'changed' | 'not checked';
	/** Why the test failed (both fingerprints when the key changed). */
	readonly problem?: string;
}

/** Asked when a host presents a key that is not in known_hosts: true records it. */
export type AskHostKey = (host: string, fingerprint: string) => Promise<boolean>;

/** Where a question's default comes from, shown beside it. */
export interface SuggestedValue {
	readonly value: AnswerValue | undefined;
	/** "saved", "from cyclades: ASTAKOS_BASE_URL in force …", "derived", "the runbook's default". */
	readonly origin: string;
}

/** A section's preview: text lines (commands per host, diffs), secrets masked. */
export interface SectionPreview {
	readonly lines: readonly PreviewLine[];
	/** The same preview with the secrets in the clear, when it differs: shown on the admin's key, on screen only (never in the scrollback, the transcript or any file). */
	readonly revealed?: readonly PreviewLine[];
}

export interface PreviewLine {
	readonly text: string;
	readonly tone: 'heading' | 'reads' | 'changes' | 'diff-add' | 'diff-remove' | 'note' | 'plain';
}

export interface StepExplanation {
	readonly title: string;
	readonly why: string;
	readonly notes: readonly string[];
	/** Set when the step does not apply (why). */
	readonly skipped?: string;
}

/** Per section × host, for the summary. */
export interface SummaryRow {
	readonly section: string;
	readonly host: string;
	readonly ran: number;
	readonly alreadyDone: number;
	readonly skipped: number;
	readonly failed: number;
}

export interface RunSummaryView {
	readonly rows: readonly SummaryRow[];
	readonly transcripts: readonly string[];
	/** The command that reruns the same thing without questions. */
	readonly rerun: string;
	/** How to go back: the lines naming each dump and settings backup this session made, per host, with its restore command. */
	readonly restore: readonly string[];
	/** A rehearsal: the sandbox directory (`snf-upgrade sandbox verify DIR` checks it). */
	readonly sandbox?: string;
	/** Why the last section run started nothing (missing answers, the preflight, the deployment lock), with the next step. */
	readonly notRun?: readonly string[];
}

/** A section run's result; `notRun` when it started nothing, and why (the wizard's exit code follows it, as run --yes's). */
export type SectionRunResult = RunResult & {readonly notRun?: NotRunReason};

/**
 * Everything the wizard's screens need from the world, built in commands/wizard (the ui never
 * imports execa, ssh2 or conf): the answers session, the journal, the executors, the runner.
 */
export interface Deployment {
	/** One line: "rehearsal sandbox in …" or "answers saved in …". */
	readonly description: string;
	readonly sections: readonly SectionEntry[];
	sectionStates(): Readonly<Partial<Record<SectionId, SectionState>>>;
	/**
	 * Reads the hosts' identities (a command per host the journal recorded) after the welcome is drawn: one line
	 * when the journal was written for other machines (why, and the way out); from then on sectionStates() gives
	 * its states as unknown. Undefined when it is these machines' or that cannot be told.
	 */
	checkJournal(): Promise<string | undefined>;
	inventory(): readonly InventoryRow[];
	/** Changes one host of the inventory (validated by the inventory parser) and saves it; the error text, or undefined. */
	setHost(path: string, text: string): string | undefined;
	/** A Ganeti backend of the inventory as the form shows it. */
	backend(index: number): BackendForm;
	/** Replaces the backend at `index` (or adds one) from the form, validated by the inventory parser, and saves it; the error text, or undefined. */
	setBackend(index: number | undefined, form: BackendForm): string | undefined;
	testHost(hostId: string, askHostKey: AskHostKey): Promise<HostCheck>;
	/** Values read from the hosts (settings in force, lists). */
	readDefaults(): Promise<HostDefaults>;
	/**
	 * Reads the hosts for the questions asked only when needed (the sudo password: when sudo asks for one on
	 * some host): `report` gets 'checking' (when hosts must be read) and then the finding; resolves after the last.
	 */
	questionNeeds(report: (key: string, need: QuestionNeed) => void): Promise<void>;
	/** The value to offer for a key: saved → read from the hosts → derived → default. */
	suggest(key: string, fromHosts: HostDefaults): SuggestedValue;
	/** The value of a key as the answers stand now (given, derived or default). */
	current(key: string): AnswerValue | undefined;
	/** Saved the moment it is given. A secret is kept on disk only per the save-secrets policy (generated ones always). */
	saveAnswer(key: string, value: AnswerValue, how?: {readonly generated?: boolean}): void;
	/** Generates a random secret for the key and saves it (generated secrets are always kept, mode 0600). */
	generateSecret(key: string): void;
	/** Leaves an optional answer unset (removes what was saved). */
	clearAnswer(key: string): void;
	/** Whether a secret typed now would be kept on disk. */
	keepsSecrets(): boolean;
	/** A secret that must be asked again: given before, not kept. */
	secretKnown(key: string): boolean;
	saveSkipped(section: SectionId, skipped: boolean): void;
	/** What and why: the section's steps in their own words, with the facts' notes that apply. */
	explain(section: SectionId): readonly StepExplanation[];
	preview(section: SectionId): Promise<SectionPreview>;
	/** Runs the section through the one runner (run --yes drives the same). */
	startRun(section: SectionId): (hooks: RunHooks) => Promise<SectionRunResult>;
	summary(): RunSummaryView;
	/** Ends the reads from the hosts still under way (a connect to a host that has not answered is given up) and refuses new ones; called as the wizard ends. */
	close(): Promise<void>;
}

/** A deployment saved or given, known before the wizard's first frame and opened after it. */
export interface ConfiguredDeployment {
	/** What the welcome names while the deployment opens (its Deployment has the same description). */
	readonly description: string;
	/** Takes the answers in and reads the journal: the welcome shows "reading…" until it is done; its error ends the wizard. */
	open(): Promise<Deployment>;
}

/** What the wizard starts with. */
export interface WizardServices {
	/** Undefined when no deployment is configured yet (no inventory saved or given). */
	readonly configured: ConfiguredDeployment | undefined;
	/** A fresh sandbox with its own answers and state: the whole interactive walk as a rehearsal. */
	openRehearsal(): Promise<Deployment>;
	/** Where a description of your deployment goes (the answers file format). */
	readonly describeHint: string;
}
