/** snf-manage's table output (snf_django pprint_table): pretty, csv and json (facts §3.1). */

export type OutputFormat = 'pretty' | 'csv' | 'json';

export function pretty(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, withHeaders: boolean): string {
	const widths = headers.map((header, column) => Math.max(withHeaders ? header.length : 0, ...rows.map(row => (row[column] ?? '').length)));
	const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  ');
	const lines: string[] = [];
	if (withHeaders) {
		lines.push(line(headers), '-'.repeat(widths.reduce((sum, width) => sum + width, 0) + 2 * (headers.length - 1)));
	}

	lines.push(...rows.map(row => line(row)));
	return lines.map(text => `${text}\n`).join('');
}

function csvField(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csv(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, withHeaders: boolean): string {
	const all = withHeaders ? [headers, ...rows] : rows;
	return all.map(row => row.map(cell => csvField(cell)).join(',') + '\r\n').join('');
}

/** Python 2.7 json.dumps(indent=4): item separators keep their trailing space. */
export function pythonJson(value: unknown): string {
	return JSON.stringify(value, null, 4).replaceAll(',\n', ', \n');
}

export function json(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
	const objects = rows.map(row => Object.fromEntries(headers.map((header, column) => [header, row[column] ?? ''])));
	return pythonJson(objects) + '\n';
}

export function render(format: OutputFormat, headers: readonly string[], rows: ReadonlyArray<readonly string[]>, withHeaders = true): string {
	switch (format) {
		case 'csv': {
			return csv(headers, rows, withHeaders);
		}

		case 'json': {
			return json(headers, rows);
		}

		default: {
			return pretty(headers, rows, withHeaders);
		}
	}
}

/** Python's str() of a value as a table cell. */
export function pyStr(value: unknown): string {
	if (value === null || value === undefined) {
		return 'None';
	}

	if (typeof value === 'boolean') {
		return value ? 'True' : 'False';
	}

	return String(value);
}

/** pprint_table(..., separator=" | ", title=...) of snf_django: a dashed, centred title, then the table (headers optional). */
export function titledTable(title: string, headers: readonly string[] | undefined, rows: ReadonlyArray<readonly string[]>, separator = ' | '): string {
	const columns = headers ? [headers, ...rows] : rows;
	const count = Math.max(0, ...columns.map(row => row.length));
	const widths = Array.from({length: count}, (_, column) => Math.max(0, ...columns.map(row => (row[column] ?? '').length)));
	const length = Math.max(widths.reduce((sum, width) => sum + width, 0) + separator.length * (count - 1), title.length);
	const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padStart(widths[column] ?? 0)).join(separator);
	const dashes = '-'.repeat(length);
	// Python's str.center: the extra space of an odd padding goes to the right.
	const padding = length - title.length;
	const left = Math.floor(padding / 2) + (padding % 2 === 1 && length % 2 === 1 ? 1 : 0);
	const lines = [dashes, `${' '.repeat(left)}${title}${' '.repeat(padding - left)}`, dashes];
	if (headers) {
		lines.push(line(headers), dashes);
	}

	lines.push(...rows.map(row => line(row)));
	return lines.map(text => `${text}\n`).join('');
}
