function excerpt(text: string): string {
	const line = text.trim().split('\n')[0] ?? '';
	return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}

function asString(value: unknown, command: string): string {
	if (typeof value === 'string') {
		return value;
	}

	// snf-manage prints str() of every cell; accept JSON scalars in the same spelling.
	if (typeof value === 'boolean') {
		return value ? 'True' : 'False';
	}

	if (value === null) {
		return 'None';
	}

	if (typeof value === 'number') {
		return String(value);
	}

	throw new Error(`snf-manage ${command} printed a nested value where a field was expected.`);
}

/**
 * Parses `snf-manage <command> --output-format=json`: json.dumps(list, indent=4) of objects whose
 * values are all strings ("True", "None"). Text before the list (a warning line) is skipped.
 */
export function parseSnfManageJson(stdout: string, command: string): Array<Record<string, string>> {
	const start = stdout.search(/^\s*\[/m);
	if (start === -1) {
		throw new Error(`snf-manage ${command} did not print a JSON list (got ${JSON.stringify(excerpt(stdout))}).`);
	}

	let parsed: unknown;
	try {
		parsed = JSON.parse(stdout.slice(start));
	} catch (error) {
		throw new Error(`snf-manage ${command} printed invalid JSON: ${(error as Error).message}.`);
	}

	if (!Array.isArray(parsed)) {
		throw new TypeError(`snf-manage ${command} did not print a JSON list.`);
	}

	return parsed.map(row => {
		if (typeof row !== 'object' || row === null || Array.isArray(row)) {
			throw new Error(`snf-manage ${command} printed a list item that is not an object.`);
		}

		return Object.fromEntries(Object.entries(row as Record<string, unknown>).map(([key, value]) => [key, asString(value, command)]));
	});
}
