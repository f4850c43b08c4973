import React, {useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useKeys} from '../inputs/key-router.js';
import type {AskHostKey, BackendForm, HostCheck, InventoryRow} from '../deployment.js';
import {TextField} from '../inputs/text-field.js';
import {ScreenFrame} from './screen-frame.js';

export interface InventoryScreenProps {
	/** The hosts as saved now (read again after every change). */
	readonly inventory: () => readonly InventoryRow[];
	readonly height: number;
	readonly testHost: (hostId: string, askHostKey: AskHostKey) => Promise<HostCheck>;
	/** Saves the host at `path`; the parser's error text, or undefined. */
	readonly setHost: (path: string, text: string) => string | undefined;
	/** A Ganeti backend as the form shows it. */
	readonly backend: (index: number) => BackendForm;
	/** Replaces the backend at `index` (or adds one): the parser's error text, or undefined. */
	readonly setBackend: (index: number | undefined, form: BackendForm) => string | undefined;
	readonly onDone: () => void;
}

type Mode =
	| {readonly kind: 'list'}
	| {readonly kind: 'edit'; readonly row: InventoryRow; readonly error?: string}
	/** A Ganeti backend added (no index) or edited, one field at a time. */
	| {readonly kind: 'backend'; readonly index: number | undefined; readonly form: BackendForm; readonly field: number; readonly error?: string}
	| {readonly kind: 'host-key'; readonly host: string; readonly fingerprint: string; readonly answer: (yes: boolean) => void};

function checkText(check: HostCheck | 'testing' | undefined): {text: string; color?: string} {
	if (check === undefined) {
		return {text: 'not tested'};
	}

	if (check === 'testing') {
		return {text: 'testing…', color: 'cyan'};
	}

	const key = {local: '', known: 'key known', accepted: 'key recorded', refused: 'key refused', changed: 'HOST KEY CHANGED', 'not checked': ''}[check.hostKey];
	if (!check.reachable) {
		return {text: `✖ ${key === '' ? '' : `${key}; `}${check.problem ?? 'unreachable'}`, color: 'red'};
	}

	return {text: `✔ login ${check.loginUser ?? '?'}, ${check.root ?? '?'}${key === '' ? '' : `, ${key}`}`, color: check.root === 'root' || check.root === 'sudo -n' ? 'green' : 'yellow'};
}

const backendFields = [
	['name', 'backend name (usually the cluster name)'],
	['master', 'master: "local" or [user@]host[:port]'],
	['nodes', 'nodes, separated by commas (the master is one whether listed or not)'],
] as const;

/** Hosts per role, local or SSH: edit one or a Ganeti backend (validated by the inventory parser, saved at once), or test a connection. */
export function InventoryScreen({inventory, height, testHost, setHost, backend, setBackend, onDone}: InventoryScreenProps) {
	const rows = inventory();
	const [index, setIndex] = useState(0);
	const live = useRef(0);
	const [mode, setMode] = useState<Mode>({kind: 'list'});
	const [checks, setChecks] = useState<Record<string, HostCheck | 'testing'>>({});
	const test = (hostId: string) => {
		setChecks(current => ({...current, [hostId]: 'testing'}));
		const ask: AskHostKey = async (host, fingerprint) => new Promise(resolve => {
			setMode({kind: 'host-key', host, fingerprint, answer: resolve});
		});
		void testHost(hostId, ask).then(check => {
			setChecks(current => ({...current, [hostId]: check}));
		}, (error: unknown) => {
			setChecks(current => ({...current, [hostId]: {reachable: false, hostKey: 'not checked', problem: (error as Error).message}}));
		});
	};

	useKeys((input, key) => {
		if (mode.kind === 'host-key') {
			if (input === 'y' || input === 'n') {
				mode.answer(input === 'y');
				setMode({kind: 'list'});
			}

			return;
		}

		const row = rows[live.current];
		if (key.upArrow || key.downArrow) {
			live.current = (live.current + (key.upArrow ? rows.length - 1 : 1)) % rows.length;
			setIndex(live.current);
		} else if (input === 't' && row !== undefined) {
			test(row.hostId);
		} else if (input === 'a') {
			for (const hostId of new Set(rows.map(candidate => candidate.hostId))) {
				test(hostId);
			}
		} else if (input === 'e' && row !== undefined) {
			setMode({kind: 'edit', row});
		} else if (input === 'g') {
			setMode({kind: 'backend', index: undefined, form: {name: '', master: '', nodes: ''}, field: 0});
		} else if (input === 'b' && row?.backend !== undefined) {
			setMode({kind: 'backend', index: row.backend, form: backend(row.backend), field: 0});
		} else if (key.escape || key.return) {
			onDone();
		}
	}, {isActive: mode.kind === 'list' || mode.kind === 'host-key'});

	const typing = useRef('');
	useKeys((_input, key) => {
		if (key.escape) {
			setMode({kind: 'list'});
		} else if (key.upArrow && mode.kind === 'backend' && mode.field > 0) {
			setMode({...mode, form: {...mode.form, [backendFields[mode.field]![0]]: typing.current}, field: mode.field - 1});
		}
	}, {isActive: mode.kind === 'edit' || mode.kind === 'backend'});

	const submitField = (text: string) => {
		if (mode.kind !== 'backend') {
			return;
		}

		const form = {...mode.form, [backendFields[mode.field]![0]]: text.trim()};
		if (mode.field < backendFields.length - 1) {
			setMode({...mode, form, field: mode.field + 1});
			return;
		}

		const error = setBackend(mode.index, form);
		setMode(error === undefined ? {kind: 'list'} : {...mode, form, error});
	};

	const listKeys: Array<[string, string]> = [['↑↓', 'move'], ['t', 'test'], ['a', 'test all'], ['e', 'edit'], ...(rows[index]?.backend === undefined ? [] : [['b', 'backend'] as [string, string]]), ['g', 'new backend'], ['Enter', 'done']];
	const keys: Array<[string, string]> = {list: listKeys, edit: [['Enter', 'save'], ['Esc', 'cancel']], backend: [['Enter', mode.kind === 'backend' && mode.field === backendFields.length - 1 ? 'save' : 'next'], ['↑', 'previous field'], ['Esc', 'cancel']], 'host-key': [['y', 'accept and record'], ['n', 'refuse']]}[mode.kind] as Array<[string, string]>;

	const visible = Math.max(1, height - 4);
	const first = Math.min(Math.max(0, index - visible + 1), Math.max(0, rows.length - visible));
	return (
		<ScreenFrame title="Hosts: inventory and connection test" keys={keys}>
			<Box flexDirection="column" marginY={1}>
				{rows.slice(first, first + visible).map((row, offset) => {
					const selected = first + offset === index;
					const shown = checkText(checks[row.hostId]);
					return (
						<Text key={row.path} wrap="truncate">
							<Text color={selected ? 'cyan' : undefined}>{selected ? '❯ ' : '  '}{row.role.padEnd(16)} {row.label.padEnd(24)}</Text> <Text color={shown.color}>{shown.text}</Text>
						</Text>
					);
				})}
			</Box>
			{mode.kind === 'host-key' ? (
				<Box flexDirection="column">
					<Text color="yellow" wrap="truncate">Unknown host key for {mode.host}:</Text>
					<Text color="yellow" wrap="truncate">  {mode.fingerprint}</Text>
					<Text wrap="wrap">Check it with the host&apos;s administrator (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub). Accept and record it in known_hosts? y/n</Text>
				</Box>
			) : null}
			{mode.kind === 'edit' ? (
				<Box flexDirection="column">
					<Text>{mode.row.role}: &quot;local&quot; or [user@]host[:port]</Text>
					<Box>
						<Text color="cyan">› </Text>
						<TextField initial={mode.row.label} isActive onSubmit={text => {
							const error = setHost(mode.row.path, text.trim());
							setMode(error === undefined ? {kind: 'list'} : {kind: 'edit', row: mode.row, error});
						}}/>
					</Box>
					{mode.error === undefined ? null : <Text color="red" wrap="wrap">✖ {mode.error}</Text>}
				</Box>
			) : null}
			{mode.kind === 'backend' ? (
				<Box flexDirection="column">
					<Text bold>{mode.index === undefined ? 'A new Ganeti backend' : `Ganeti backend ${mode.form.name}`}</Text>
					{backendFields.map(([field, what], at) => (
						<Box key={field}>
							<Text color={at === mode.field ? 'cyan' : undefined}>{at === mode.field ? '› ' : '  '}{what}: </Text>
							{at === mode.field
								? <TextField key={`${mode.index ?? 'new'}-${field}`} initial={mode.form[field]} isActive onChange={text => (typing.current = text)} onSubmit={submitField}/>
								: <Text wrap="truncate">{mode.form[field]}</Text>}
						</Box>
					))}
					{mode.error === undefined ? null : <Text color="red" wrap="wrap">✖ {mode.error}</Text>}
				</Box>
			) : null}
		</ScreenFrame>
	);
}
