const namePattern = /[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/y;
const attributePattern = /\s+([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')/y;
const attributeName = /^[A-Za-z_][\w.:-]*$/;

/** Escapes text for an XML attribute value in the given quotes. */
export function escapeXmlAttribute(value: string, quote: '"' | '\'' = '"'): string {
	let escaped = value
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('\t', '&#9;')
		.replaceAll('\n', '&#10;')
		.replaceAll('\r', '&#13;');
	escaped = quote === '"' ? escaped.replaceAll('"', '&quot;') : escaped.replaceAll('\'', '&apos;');
	return escaped;
}

interface StartTag {
	/** Index just after the element name. */
	readonly nameEnd: number;
	readonly attributes: ReadonlyArray<{readonly name: string; readonly valueStart: number; readonly valueEnd: number; readonly quote: '"' | '\''}>;
}

/** Skips markup that is not a start tag; returns the index after it, or -1 when `at` is not such markup. */
function skipSpecial(text: string, at: number): number {
	const endings: Array<[string, string]> = [['<!--', '-->'], ['<![CDATA[', ']]>'], ['<?', '?>'], ['<!', '>'], ['</', '>']];
	for (const [open, close] of endings) {
		if (text.startsWith(open, at)) {
			const end = text.indexOf(close, at + open.length);
			return end === -1 ? text.length : end + close.length;
		}
	}

	return -1;
}

function parseStartTag(text: string, at: number): StartTag & {readonly name: string; readonly end: number} | undefined {
	namePattern.lastIndex = at + 1;
	const name = namePattern.exec(text);
	if (name === null) {
		return undefined;
	}

	const nameEnd = at + 1 + name[0].length;
	const attributes: Array<StartTag['attributes'][number]> = [];
	let index = nameEnd;
	for (;;) {
		attributePattern.lastIndex = index;
		const match = attributePattern.exec(text);
		if (match === null) {
			break;
		}

		const valueEnd = attributePattern.lastIndex - 1;
		const valueStart = valueEnd - (match[2]!.length - 2);
		attributes.push({name: match[1]!, valueStart, valueEnd, quote: match[2]![0] as '"' | '\''});
		index = attributePattern.lastIndex;
	}

	const close = text.indexOf('>', index);
	return {name: name[0], nameEnd, attributes, end: close === -1 ? text.length : close + 1};
}

function localName(name: string): string {
	const colon = name.indexOf(':');
	return colon === -1 ? name : name.slice(colon + 1);
}

type FoundTag = StartTag & {readonly name: string; readonly end: number};

/** The first start tag whose local name is `element` (a namespace prefix is allowed; the tag may span lines). */
function findStartTag(text: string, element: string): FoundTag | undefined {
	let index = text.indexOf('<');
	while (index !== -1) {
		const skipped = skipSpecial(text, index);
		if (skipped !== -1) {
			index = text.indexOf('<', skipped);
			continue;
		}

		const tag = parseStartTag(text, index);
		if (tag === undefined) {
			index = text.indexOf('<', index + 1);
			continue;
		}

		if (localName(tag.name) === element) {
			return tag;
		}

		index = text.indexOf('<', tag.end);
	}

	return undefined;
}

const entities: Readonly<Record<string, string>> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: '\''};

/** Replaces XML character and entity references in an attribute value. */
function unescapeXmlAttribute(value: string): string {
	return value.replaceAll(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, reference: string) => {
		if (reference.startsWith('#')) {
			const code = reference[1] === 'x' || reference[1] === 'X' ? Number.parseInt(reference.slice(2), 16) : Number.parseInt(reference.slice(1), 10);
			return String.fromCodePoint(code);
		}

		return entities[reference] ?? whole;
	});
}

/**
 * The value of an attribute of the first element with this local name, unescaped: undefined when the
 * element has no such attribute. Throws when there is no such element.
 */
export function getXmlAttribute(text: string, element: string, attribute: string): string | undefined {
	const tag = findStartTag(text, element);
	if (tag === undefined) {
		throw new Error(`No <${element}> element found.`);
	}

	const found = tag.attributes.find(item => item.name === attribute);
	return found === undefined ? undefined : unescapeXmlAttribute(text.slice(found.valueStart, found.valueEnd));
}

/**
 * Sets an attribute on the first start tag whose local name is `element` (a namespace prefix is
 * allowed; the tag may span lines): replaces the value between its quotes, or inserts
 * ` attribute="value"` right after the element name. Every other byte stays as it was.
 */
export function setXmlAttribute(text: string, element: string, attribute: string, value: string): string {
	if (!attributeName.test(attribute)) {
		throw new Error(`Not an XML attribute name: ${JSON.stringify(attribute)}.`);
	}

	const tag = findStartTag(text, element);
	if (tag === undefined) {
		throw new Error(`No <${element}> element found, so ${attribute} cannot be set.`);
	}

	const existing = tag.attributes.find(item => item.name === attribute);
	if (existing !== undefined) {
		const escaped = escapeXmlAttribute(value, existing.quote);
		return text.slice(0, existing.valueStart) + escaped + text.slice(existing.valueEnd);
	}

	return `${text.slice(0, tag.nameEnd)} ${attribute}="${escapeXmlAttribute(value)}"${text.slice(tag.nameEnd)}`;
}
