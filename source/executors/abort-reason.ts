/** The failure text of an aborted command, the same for every executor: the abort reason, else 'aborted'. */
export function abortReason(signal: AbortSignal | undefined): string {
	const reason: unknown = signal?.reason;
	if (reason instanceof Error && reason.name !== 'AbortError') {
		return reason.message;
	}

	return typeof reason === 'string' ? reason : 'aborted';
}
