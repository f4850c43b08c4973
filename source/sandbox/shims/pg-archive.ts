import fs from 'node:fs';
import type {ShimContext} from './context.js';

/** The sandbox's archive: pg_dump's magic, a one-line table of contents, the data, and an end mark (what a cut archive lacks). */
const archiveMagic = 'PGDMP\u0001\u000C\u0000\u0004\u0008\u0001\u0001\u0001';
const archiveEnd = '-- end of the snf-upgrade sandbox archive\n';
const plainStart = '--\n-- PostgreSQL database dump\n--\n\n';
const plainEnd = '\n--\n-- PostgreSQL database dump complete\n--\n\n';

/** Whether a file the sandbox pg_dump wrote is whole: an archive with its end mark, or a plain dump with its closing comment. */
export function isWholeSandboxDump(text: string): boolean {
	return (text.startsWith(archiveMagic) && text.endsWith(archiveEnd)) || (text.startsWith(plainStart) && text.endsWith(plainEnd));
}

export function sandboxDump(database: string, data: string, custom: boolean): string {
	return custom
		? `${archiveMagic}\n; toc: dbname ${database}; TABLE DATA public snapshot\n${data}\n${archiveEnd}`
		: `${plainStart}-- snf-upgrade sandbox dump of ${database}\n${data}\n${plainEnd}`;
}

/**
 * pg_restore [-l] [-f FILE] [ARCHIVE] as the real one answers for the sandbox's archives: `-l` reads
 * only the table of contents (so it passes an archive cut in its data), a full read (`-f FILE`) needs
 * the whole archive; a plain SQL dump is refused with "Please use psql". Restoring into a database
 * (-d) is not modelled.
 */
export async function pgRestore(context: ShimContext): Promise<number> {
	const args = [...context.args];
	let list = false;
	let output: string | undefined;
	let input: string | undefined;
	while (args.length > 0) {
		const arg = args.shift()!;
		if (arg === '-l' || arg === '--list') {
			list = true;
		} else if (arg === '-f') {
			output = args.shift();
		} else if (arg.startsWith('--file=')) {
			output = arg.slice(7);
		} else if (arg === '-d' || arg.startsWith('--dbname')) {
			context.err('pg_restore: the snf-upgrade sandbox reads archives (-l, -f FILE) but does not restore them into a database\n');
			return 1;
		} else if (arg !== '--' && !arg.startsWith('-')) {
			input = arg;
		}
	}

	const text = input === undefined ? fs.readFileSync(0, 'latin1') : readIfThere(input);
	if (text === undefined) {
		context.err(`pg_restore: [archiver] could not open input file "${input!}": No such file or directory\n`);
		return 1;
	}

	if (!text.startsWith(archiveMagic)) {
		context.err(text.startsWith(plainStart) ? 'pg_restore: [archiver] input file appears to be a text format dump. Please use psql.\n' : 'pg_restore: [archiver] input file does not appear to be a valid archive\n');
		return 1;
	}

	const lines = text.slice(archiveMagic.length + 1).split('\n');
	const toc = lines[0]!;
	if (lines.length < 2 || !toc.startsWith('; toc: ')) {
		context.err('pg_restore: [archiver] could not read from input file: end of file\n');
		return 1;
	}

	if (list) {
		context.out(`;\n; Archive created by the snf-upgrade sandbox\n;\n${toc.slice(7)}\n`);
		return 0;
	}

	if (!text.endsWith(archiveEnd)) {
		context.err('pg_restore: [archiver] could not read from input file: end of file\n');
		return 1;
	}

	if (output !== undefined) {
		fs.writeFileSync(output, lines.slice(1, -2).join('\n'));
	}

	return 0;
}

function readIfThere(file: string): string | undefined {
	try {
		return fs.readFileSync(file, 'latin1');
	} catch {
		return undefined;
	}
}
