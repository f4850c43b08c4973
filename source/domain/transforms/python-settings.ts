import type {PyValue} from '../action-types.js';
import type {SecretMode} from '../shell-quote.js';
import {pythonLiteral} from './python-literal.js';
import {commentedBlockEnd, statements, type Statement} from './python-scan.js';
import {appendLine, dominantEol, joinLines, splitLines, type TextLine} from './text-lines.js';

const identifier = /^[A-Za-z_]\w*$/;

function checkName(name: string): void {
	if (!identifier.test(name)) {
		throw new Error(`Not a Python setting name: ${JSON.stringify(name)}.`);
	}
}

/** A top-level `NAME = …` (column 0; `==` is a comparison, not an assignment). */
function liveStart(name: string): RegExp {
	return new RegExp(`^${name}[ \\t]*=(?!=)`);
}

/** A shipped sample: `#NAME = …` or `# NAME = …` (any spaces or tabs after the '#'). */
function sampleStart(name: string): RegExp {
	return new RegExp(`^#[ \\t]*${name}[ \\t]*=(?!=)`);
}

function liveStatements(lines: readonly TextLine[], name: string): Statement[] {
	const pattern = liveStart(name);
	return statements(lines).filter(statement => pattern.test(lines[statement.first]!.content));
}

function commentedOut(lines: readonly TextLine[], statement: Statement): TextLine[] {
	return lines.slice(statement.first, statement.last + 1).map(line => ({content: `#${line.content}`, eol: line.eol}));
}

/** The assignment as lines; the last one takes `lastEol` (so a file without a final newline keeps none). */
function assignmentLines(name: string, value: PyValue, mode: SecretMode, eol: string, lastEol: string): TextLine[] {
	const parts = `${name} = ${pythonLiteral(value, mode)}`.split('\n');
	return parts.map((content, index) => ({content, eol: index === parts.length - 1 ? lastEol : eol}));
}

/**
 * Sets NAME = value in a Synnefo settings file (Python): replaces the first live top-level
 * assignment (all its lines) and comments out later ones; else replaces the shipped commented
 * sample (`#NAME = …` or `# NAME = …`, a multi-line sample up to its closing bracket); else
 * appends the assignment. Every other byte stays as it was.
 */
export function setPythonSetting(text: string, name: string, value: PyValue, mode: SecretMode): string {
	checkName(name);
	const lines = splitLines(text);
	const eol = dominantEol(lines);
	const live = liveStatements(lines, name);
	if (live.length > 0) {
		let result = [...lines];
		// Bottom-up so that earlier indexes stay valid.
		for (const statement of live.slice(1).reverse()) {
			result.splice(statement.first, statement.last - statement.first + 1, ...commentedOut(lines, statement));
		}

		const first = live[0]!;
		const replacement = assignmentLines(name, value, mode, eol, lines[first.last]!.eol);
		result = [...result.slice(0, first.first), ...replacement, ...result.slice(first.last + 1)];
		return joinLines(result);
	}

	const sample = sampleStart(name);
	const sampleStatement = statements(lines).find(statement =>
		statement.first === statement.last && sample.test(lines[statement.first]!.content));
	if (sampleStatement !== undefined) {
		const first = sampleStatement.first;
		const last = commentedBlockEnd(lines, first);
		const replacement = assignmentLines(name, value, mode, eol, lines[last]!.eol);
		return joinLines([...lines.slice(0, first), ...replacement, ...lines.slice(last + 1)]);
	}

	const assignment = assignmentLines(name, value, mode, eol, eol);
	let result: TextLine[] = [...lines];
	for (const line of assignment) {
		result = appendLine(result, line.content);
	}

	return joinLines(result);
}

/** Comments out every live top-level assignment of NAME ('#' before each of its lines); no-op without one. */
export function commentOutPythonSetting(text: string, name: string): string {
	checkName(name);
	const lines = splitLines(text);
	const result = [...lines];
	for (const statement of liveStatements(lines, name).reverse()) {
		result.splice(statement.first, statement.last - statement.first + 1, ...commentedOut(lines, statement));
	}

	return joinLines(result);
}
