import {InputError} from '../domain/errors.js';

function seconds(env: NodeJS.ProcessEnv, name: string): number | undefined {
	const text = env[name];
	if (text === undefined || text === '') {
		return undefined;
	}

	const value = Number(text);
	if (!Number.isFinite(value) || value <= 0) {
		throw new InputError(`${name}=${JSON.stringify(text)}: expected a number of seconds above 0`, `Unset ${name} to keep the limits of the step definitions.`);
	}

	return value * 1000;
}

/**
 * For tests and rehearsals: SNF_UPGRADE_TIME_LIMIT_SECONDS replaces every command's time limit,
 * SNF_UPGRADE_QUIET_NOTICE_SECONDS the wait before the "no output" notice.
 */
export function timeLimitsFromEnv(env: NodeJS.ProcessEnv): {limitMs?: number; quietNoticeMs?: number} {
	const limitMs = seconds(env, 'SNF_UPGRADE_TIME_LIMIT_SECONDS');
	const quietNoticeMs = seconds(env, 'SNF_UPGRADE_QUIET_NOTICE_SECONDS');
	return {...(limitMs === undefined ? {} : {limitMs}), ...(quietNoticeMs === undefined ? {} : {quietNoticeMs})};
}
