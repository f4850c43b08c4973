/** One link a Ganeti node must have for a public network: a bridge (mode bridged) or a routing table (mode routed). */
export interface NodeLink {
	readonly kind: 'bridge' | 'routing-table';
	readonly link: string;
	/** The public networks that use it. */
	readonly networks: readonly string[];
}

/**
 * The output of the node link check (one `present|missing <kind> <link>` line per link): the links
 * found missing. Throws unless every link has exactly its line.
 */
export function missingNodeLinks(output: string, links: readonly NodeLink[]): NodeLink[] {
	const seen = new Map<string, 'present' | 'missing'>();
	for (const line of output.split('\n').map(text => text.trim()).filter(text => text !== '')) {
		const match = /^(present|missing) (bridge|routing-table) (\S+)$/.exec(line);
		if (match === null) {
			throw new Error(`Unexpected line in the link check: ${JSON.stringify(line.slice(0, 80))}.`);
		}

		seen.set(`${match[2]!} ${match[3]!}`, match[1] as 'present' | 'missing');
	}

	const unread = links.filter(link => !seen.has(`${link.kind} ${link.link}`));
	if (unread.length > 0) {
		throw new Error(`The link check said nothing about ${unread.map(link => `${link.kind} ${link.link}`).join(', ')}.`);
	}

	return links.filter(link => seen.get(`${link.kind} ${link.link}`) === 'missing');
}

/** A row of "State of Network N in DB for each backend" in `snf-manage network-inspect N`. */
export interface BackendNetworkRow {
	readonly network: string;
	readonly backend: string;
	readonly state: string;
}

/**
 * The backend rows of every `snf-manage network-inspect <id>` in the output (management/pprint.py:
 * a dashed title, the header `Backend | State | Deleted | JobID | Opcode | JobStatus`, a dash line,
 * then one row per backend). Throws when the table of one of the networks is not there.
 */
export function backendNetworkStates(output: string, networks: readonly string[]): BackendNetworkRow[] {
	const lines = output.split('\n');
	return networks.flatMap(network => {
		const title = lines.findIndex(line => line.trim() === `State of Network ${network} in DB for each backend`);
		const header = lines[title + 2] ?? '';
		if (title === -1 || !/^\s*Backend \| +State \| Deleted \| +JobID \| +Opcode \| +JobStatus\s*$/.test(header) || !/^-+$/.test(lines[title + 3] ?? '')) {
			throw new Error(`No table "State of Network ${network} in DB for each backend" in the network-inspect output.`);
		}

		const rows: BackendNetworkRow[] = [];
		for (const line of lines.slice(title + 4)) {
			const cells = line.split(' | ').map(cell => cell.trim());
			if (line.trim() === '' || cells.length !== 6) {
				break;
			}

			rows.push({network, backend: cells[0]!, state: cells[1]!});
		}

		return rows;
	});
}
