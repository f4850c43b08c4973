import {hostsInOrder, type HostLine} from './run-view.js';

export interface RunLayout {
	/** Host rows shown (the last one may be "+N more"). */
	readonly hostRows: number;
	/** Output tail rows: at most rows − 8. */
	readonly tailRows: number;
}

/** Title, counts, the tail's heading and the key help. */
const fixedRows = 4;

/**
 * How the run screen shares the terminal's rows: the live frame stays at least one row shorter than the
 * terminal (Ink 6.8 clears the whole scrollback, ESC[3J, on every render of a frame as tall as it), the
 * panel below (failure, question, Ctrl+C) gets its rows first, then the hosts (up to half of the rest),
 * then the output tail.
 */
export function runLayout(rows: number, hostCount: number, panelRows: number): RunLayout {
	const available = Math.max(0, rows - 1 - fixedRows - panelRows);
	const hostRows = hostCount <= 1 ? Math.min(hostCount, available) : Math.min(hostCount, 12, Math.max(1, Math.floor(available / 2)));
	return {hostRows, tailRows: Math.max(0, Math.min(rows - 8, available - hostRows))};
}

export interface HostWindow {
	readonly lines: readonly HostLine[];
	/** Hosts not shown. */
	readonly more: number;
	/** The position of the first one shown among all (0-based). */
	readonly first: number;
}

/** The hosts to show in `rowCount` rows (the last one says which of how many), failing first, scrolled so that `selected` is among them. */
export function hostWindow(hosts: readonly HostLine[], rowCount: number, selected: string | undefined): HostWindow {
	const ordered = hostsInOrder(hosts);
	if (ordered.length <= rowCount) {
		return {lines: ordered, more: 0, first: 0};
	}

	const visible = Math.max(0, rowCount - 1);
	const index = Math.max(0, ordered.findIndex(line => line.host === selected));
	const start = Math.min(Math.max(0, index - visible + 1), ordered.length - visible);
	return {lines: ordered.slice(start, start + visible), more: ordered.length - visible, first: start};
}
