import type {FileEdit} from '../action-types.js';
import type {SecretMode} from '../shell-quote.js';
import {pythonLiteralInline} from './python-literal.js';
import {commentOutPythonSetting, setPythonSetting} from './python-settings.js';
import {setShellVariable, shellDoubleQuoted} from './shell-vars.js';
import {escapeXmlAttribute, setXmlAttribute} from './shibboleth-xml.js';

/** Applies one edit to a file's text. */
export function applyEdit(text: string, edit: FileEdit, mode: SecretMode): string {
	switch (edit.op) {
		case 'python-set': {
			return setPythonSetting(text, edit.name, edit.value, mode);
		}

		case 'python-comment-out': {
			return commentOutPythonSetting(text, edit.name);
		}

		case 'xml-set-attribute': {
			return setXmlAttribute(text, edit.element, edit.attribute, edit.value);
		}

		case 'shell-set': {
			return setShellVariable(text, edit.name, edit.value);
		}
	}
}

/** Applies the edits in order. 'mask' gives the preview text (secrets as '••••'), 'reveal' the text to write. */
export function applyEdits(text: string, edits: readonly FileEdit[], mode: SecretMode): string {
	let result = text;
	for (const edit of edits) {
		result = applyEdit(result, edit, mode);
	}

	return result;
}

/** One line for previews; secrets masked, or written as their sh plan variable ('$SNF_…'). */
export function describeEdit(edit: FileEdit, mode: Exclude<SecretMode, 'reveal'> = 'mask'): string {
	switch (edit.op) {
		case 'python-set': {
			return `set ${edit.name} = ${pythonLiteralInline(edit.value, mode)}`;
		}

		case 'python-comment-out': {
			return `comment out ${edit.name}`;
		}

		case 'xml-set-attribute': {
			return `set ${edit.attribute}="${escapeXmlAttribute(edit.value)}" on <${edit.element}>`;
		}

		case 'shell-set': {
			return `set ${edit.name}=${shellDoubleQuoted(edit.value)}`;
		}
	}
}
