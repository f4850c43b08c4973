/** What the playbook renderer is given besides the plan; pure data and functions (domain/ does no I/O, no crypto). */
export interface AnsibleExportInput {
	/** sha256 hex of a UTF-8 text. */
	readonly hash: (text: string) => string;
	/** The tool's read-only script that reads a file on its host (link resolved, mode and owner, an interrupted write's record, the content). */
	readonly readScript: (path: string) => string;
}

/**
 * The first step, in playbook order, that --check found would run on some host (a fact of localhost set by each
 * step that would run), or '': a check that cannot tell before it runs is then "would run", not a failure.
 */
export const checkPendingOr = (fallback: string): string => `(hostvars['localhost'].snf_check_pending | default(${fallback}))`;
export const checkPendingExpression = checkPendingOr("''");
