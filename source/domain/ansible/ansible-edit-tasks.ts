import type {EditAction, FileValidation} from '../action-types.js';
import {shellQuote} from '../shell-quote.js';
import {contentExpression, contentSecrets, literalParts, type ContentPart, type ExportedFile} from './ansible-edits.js';
import {hostKeywords, taskName} from './ansible-tasks.js';
import {unsafe, type YamlValue} from './yaml-emit.js';

/** One edit as the playbook makes it: the content before it (and every earlier one since the export), the content after. */
export interface EditWork {
	readonly action: EditAction;
	readonly file: ExportedFile;
	readonly before: readonly ContentPart[];
	readonly earlier: ReadonlyArray<readonly ContentPart[]>;
	readonly after: readonly ContentPart[];
}

const pythonCheck = 'import sys; p = sys.argv[1]; compile(open(p).read(), p, "exec")';

/** copy's `validate` (run on the temp file, %s, before it replaces the file): the host's Python (python, else python3) compiles it; shibd -t. */
function validation(validate: FileValidation): string | undefined {
	switch (validate) {
		case 'none': {
			return undefined;
		}

		case 'python': {
			const script = 'py=python3; command -v python >/dev/null 2>&1 && py=python; exec "$py" -c "$1" "$2"';
			return `sh -c ${shellQuote(script)} sh ${shellQuote(pythonCheck)} %s`;
		}

		case 'shibd': {
			return 'shibd -t -c %s';
		}
	}
}

/** The sha256 of a content: known now for literal text, computed by Jinja when it holds a secret. */
function shaTerm(parts: readonly ContentPart[], variable: string, hash: (text: string) => string): string {
	return contentSecrets(parts).length === 0 ? `'${hash(literalParts(parts).join(''))}'` : `((${contentExpression(parts, variable).slice(3, -3)}) | hash('sha256'))`;
}

/**
 * The edit as three tasks: stat the file (sha256), refuse unless it is the content the edit was computed from
 * or already its result (in --check, any content it had since the export: the earlier writes were not made),
 * then `copy` the whole new content over it (backup beside it; mode and owner kept; checked before it replaces
 * the file; no_log when it holds a secret: the stat and the assert show only names and hashes).
 */
export function editTasks(name: string, work: EditWork, register: string, hash: (text: string) => string): YamlValue[] {
	const {action, file} = work;
	const secret = contentSecrets(work.after).length > 0 || contentSecrets(work.before).length > 0 || work.earlier.some(parts => contentSecrets(parts).length > 0);
	const variables: Record<string, YamlValue> = {};
	const variable = (parts: readonly ContentPart[], index: number): string => {
		const name = `${register}_c${index}`;
		variables[name] = literalParts(parts).map(text => unsafe(text));
		return name;
	};

	const after = variable(work.after, 0);
	const accepted = [work.before, work.after].map((parts, index) => shaTerm(parts, index === 0 ? variable(parts, 1) : after, hash));
	const earlier = work.earlier.map((parts, index) => shaTerm(parts, variable(parts, index + 2), hash));
	const check = earlier.length === 0 ? `[${accepted.join(', ')}]` : `([${accepted.join(', ')}] + (ansible_check_mode | ternary([${earlier.join(', ')}], [])))`;
	const keywords = hostKeywords(action.host, true);
	const validate = validation(action.validate);
	return [
		{
			name: taskName(`${name}: read ${file.target}`),
			'ansible.builtin.stat': {path: unsafe(file.target), checksum_algorithm: 'sha256', get_checksum: true},
			...keywords,
			register,
			check_mode: false,
		},
		{
			name: taskName(`${name}: ${file.target} is still the file the edit was computed from`),
			'ansible.builtin.assert': {
				that: [`${register}.stat.exists`, `${register}.stat.checksum in ${check}`],
				fail_msg: unsafe(`${file.target} on ${action.host.id} changed since the export read it (sha256 ${file.sha256}): nothing written; export the plan again`),
				quiet: true,
			},
			vars: variables,
			...keywords,
		},
		{
			name: taskName(`${name}: write ${file.target}`),
			'ansible.builtin.copy': {
				dest: unsafe(file.target),
				content: contentSecrets(work.after).length === 0 ? unsafe(literalParts(work.after).join('')) : contentExpression(work.after, after),
				backup: true,
				...(validate === undefined ? {} : {validate: unsafe(validate)}),
			},
			vars: variables,
			...keywords,
			...(secret ? {no_log: true} : {}),
		},
	];
}
