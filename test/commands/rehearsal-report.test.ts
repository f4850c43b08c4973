import {describe, expect, it} from 'vitest';
import {unfinishedRehearsal, type RehearsalPlace} from '../../source/commands/rehearsal-report.js';

const place: RehearsalPlace = {
	directory: '/st/rehearsals/20261201-2330',
	sandbox: '/st/rehearsals/20261201-2330/sandbox',
	answersFile: '/st/rehearsals/20261201-2330/sandbox/answers.json',
	stateDirectory: '/st/rehearsals/20261201-2330/state',
};
const walk = 'snf-upgrade --answers /st/rehearsals/20261201-2330/sandbox/answers.json --state-dir /st/rehearsals/20261201-2330/state';

describe('what a rehearsal says when its upgrade did not run to the end (rehearse.ts verifies the sandbox only when it did)', () => {
	it('a walk left with nothing failed: exit 0 as the wizard\'s quit, where the sandbox is, how to go on or look; not verified', () => {
		const report = unfinishedRehearsal(place, {interactive: true, end: {code: 0, finished: false}});
		expect(report?.code).toBe(0);
		expect(report?.text).toContain('You left the rehearsal before it finished');
		expect(report?.text).toContain('its sandbox is kept as it is now. It was not verified');
		expect(report?.text).toContain(`  sandbox:     ${place.sandbox} (answers and inventory: ${place.answersFile})`);
		expect(report?.text).toContain(`  go on:       ${walk}\n`);
		expect(report?.text).toContain(`  check it:    snf-upgrade sandbox verify ${place.sandbox}`);
		expect(report?.text).toContain('  transcripts: /st/rehearsals/20261201-2330/state/transcripts');
	});

	it('a walk that ran to its end, and a run without a terminal that did, are verified (nothing said here)', () => {
		expect(unfinishedRehearsal(place, {interactive: true, end: {code: 0, finished: true}})).toBeUndefined();
		expect(unfinishedRehearsal(place, {interactive: false, code: 0})).toBeUndefined();
	});

	it('a walk or a run that stopped (a step failed, an abort, a refusal) keeps its exit code and says where its journal is', () => {
		const aborted = unfinishedRehearsal(place, {interactive: true, end: {code: 130, finished: false}});
		expect(aborted?.code).toBe(130);
		expect(aborted?.text).toContain(`The rehearsal stopped (exit 130). The sandbox, its journal and transcript are kept in ${place.directory}; \`snf-upgrade status --state-dir ${place.stateDirectory}\` shows the journal. The walk resumes with: ${walk}\n`);
		const failed = unfinishedRehearsal(place, {interactive: false, code: 1});
		expect(failed?.code).toBe(1);
		expect(failed?.text).toBe(`\nThe rehearsal stopped (exit 1). The sandbox, its journal and transcript are kept in ${place.directory}; \`snf-upgrade status --state-dir ${place.stateDirectory}\` shows the journal.\n`);
	});

	it('the commands it prints are shell-quoted: a state directory with a space and a quote in its name is pasted as one argument', () => {
		const odd: RehearsalPlace = {directory: "/st/Admin's upgrade/r", sandbox: "/st/Admin's upgrade/r/sandbox", answersFile: "/st/Admin's upgrade/r/sandbox/answers.json", stateDirectory: "/st/Admin's upgrade/r/state"};
		const left = unfinishedRehearsal(odd, {interactive: true, end: {code: 0, finished: false}})!.text;
		expect(left).toContain(String.raw`  go on:       snf-upgrade --answers '/st/Admin'\''s upgrade/r/sandbox/answers.json' --state-dir '/st/Admin'\''s upgrade/r/state'`);
		expect(left).toContain(String.raw`  journal:     snf-upgrade status --state-dir '/st/Admin'\''s upgrade/r/state'`);
		expect(left).toContain(String.raw`  check it:    snf-upgrade sandbox verify '/st/Admin'\''s upgrade/r/sandbox' (it`);
		const stopped = unfinishedRehearsal(odd, {interactive: false, code: 1})!.text;
		expect(stopped).toContain('`snf-upgrade status --state-dir ' + String.raw`'/st/Admin'\''s upgrade/r/state'` + '`');
	});
});
