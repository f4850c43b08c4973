import type {Host} from '../inventory-types.js';
import type {ContentPart, ExportedFile} from './ansible-edits.js';

/** What the playbook renderer is given besides the plan; pure data and a hash function. */
export interface AnsibleExportInput {
	/** The files the edits change, as read from their hosts now, by fileKey(host, path). */
	readonly files: ReadonlyMap<string, ExportedFile>;
	/** sha256 hex of a UTF-8 text (given by the caller: domain/ does no crypto). */
	readonly hash: (text: string) => string;
}

export const fileKey = (host: Host, path: string): string => `${host.id}\0${path}`;

/** The content of every edited file as the plan goes: starts as exported, each edit's result feeds the next edit of the file. */
export interface EditChain {
	/** The file's content before the next edit, and every content it had since the export (oldest first). */
	current(host: Host, path: string): {readonly parts: readonly ContentPart[]; readonly earlier: ReadonlyArray<readonly ContentPart[]>; readonly file: ExportedFile};
	advance(host: Host, path: string, parts: readonly ContentPart[]): void;
}

export function createEditChain(files: ReadonlyMap<string, ExportedFile>): EditChain {
	const chains = new Map<string, Array<readonly ContentPart[]>>();
	const file = (host: Host, path: string): ExportedFile => {
		const read = files.get(fileKey(host, path));
		if (read === undefined) {
			throw new Error(`the export has not read ${path} on ${host.id}`);
		}

		return read;
	};

	const chain = (host: Host, path: string) => {
		const key = fileKey(host, path);
		let list = chains.get(key);
		if (list === undefined) {
			list = [[file(host, path).text]];
			chains.set(key, list);
		}

		return list;
	};

	return {
		current(host, path) {
			const list = chain(host, path);
			return {parts: list.at(-1)!, earlier: list.slice(0, -1), file: file(host, path)};
		},
		advance(host, path, parts) {
			chain(host, path).push(parts);
		},
	};
}
