import {describe, expect, it} from 'vitest';
import {sections} from '../../source/domain/sections.js';
import {createLinePrinter} from '../../source/runner/line-printer.js';

const oauth = sections.find(section => section.id === 'oauth')!;
const step = {id: 'register-pithos-view', title: 'Register the Pithos view', section: oauth};

describe('line printer', () => {
	it('prints one line per step × host event, commands and output indented, everything redacted', () => {
		let text = '';
		const print = createLinePrinter({write: chunk => (text += chunk), redact: line => line.replaceAll('hunter2', '••••')});
		print({type: 'section-started', section: oauth});
		print({type: 'step-started', step, host: 'astakos'});
		print({type: 'command', step, host: 'astakos', command: 'snf-manage oauth2-client-add pithos-view --secret=••••', mutates: true, skipped: false});
		print({type: 'output', step, host: 'astakos', stream: 'stdout', text: 'echoed hunter2'});
		print({type: 'step-done', step, host: 'astakos', detail: 'done'});
		print({type: 'step-skipped', step, host: 'pithos', reason: 'done earlier', alreadyDone: true});
		print({type: 'step-failed', step, host: 'cyclades', message: 'snf-manage x: exit code 1', exitCode: 1, outputTail: 'Error: boom', hint: 'check it'});
		print({type: 'run-finished', outcome: 'failed', summary: {ran: 1, alreadyDone: 1, skipped: 0, failed: 1}});
		expect(text).toBe([
			'== 2.4 Register the Pithos view as an OAuth 2.0 client',
			'[2.4 oauth] register-pithos-view @ astakos: running — Register the Pithos view',
			'    $ snf-manage oauth2-client-add pithos-view --secret=••••',
			'      echoed ••••',
			'[2.4 oauth] register-pithos-view @ astakos: done',
			'[2.4 oauth] register-pithos-view @ pithos: done earlier',
			'[2.4 oauth] register-pithos-view @ cyclades: FAILED: snf-manage x: exit code 1',
			'    exit code: 1',
			'    output:',
			'      Error: boom',
			'    next: check it',
			'[2.4 oauth] register-pithos-view on 3 hosts: FAILED on cyclades; 1 done, 1 already done, 1 failed, 0 skipped',
			'Stopped: a step failed (1 ran, 1 already done, 0 skipped, 1 failed).',
			'',
		].join('\n'));
	});

	it('says so when there was nothing to do, and names the host of output lines while several hosts run', () => {
		let text = '';
		const print = createLinePrinter({write: chunk => (text += chunk), redact: line => line});
		print({type: 'step-started', step, host: 'a'});
		print({type: 'step-started', step, host: 'b'});
		print({type: 'output', step, host: 'b', stream: 'stderr', text: 'hello'});
		print({type: 'output', step, host: 'a', stream: 'stdout', text: 'one\n\nthree'});
		print({type: 'run-finished', outcome: 'done', summary: {ran: 0, alreadyDone: 5, skipped: 2, failed: 0}});
		expect(text).toContain('      b| hello\n');
		// Several lines in one event: each printed as its own line, empty ones too.
		expect(text).toContain('      a| one\n      a| \n      a| three\n');
		expect(text).toContain('Nothing to do: every step is already done or does not apply (0 ran, 5 already done, 2 skipped, 0 failed).\n');
	});

	it('prints each redraw of a progress bar as a line of its own, as it comes: the log gets every state, none held back', () => {
		let text = '';
		const print = createLinePrinter({write: chunk => (text += chunk), redact: line => line});
		print({type: 'step-started', step, host: 'db'});
		print({type: 'output', step, host: 'db', stream: 'stdout', text: 'dumping'});
		print({type: 'output', step, host: 'db', stream: 'stdout', text: '10%'});
		expect(text.endsWith('      10%\n')).toBe(true);
		print({type: 'output', step, host: 'db', stream: 'stdout', text: '20%', replacesLast: true});
		print({type: 'output', step, host: 'db', stream: 'stdout', text: '100%\ndone', replacesLast: true});
		expect(text).toContain('      dumping\n      10%\n      20%\n      100%\n      done\n');
	});

	it('ends the run with every backup it made and the command that restores each', () => {
		let text = '';
		const print = createLinePrinter({write: chunk => (text += chunk), redact: line => line});
		print({type: 'backup-made', step, host: 'db', file: '/var/backups/snf-upgrade/snf_apps-before-0.15.dump', restore: 'su - postgres -c "pg_restore --clean --create -d postgres" < /var/backups/snf-upgrade/snf_apps-before-0.15.dump'});
		print({type: 'backup-made', step, host: 'pithos', file: '/etc/synnefo/x.conf.snf-upgrade-1.bak', restore: 'cp -p -- /etc/synnefo/x.conf.snf-upgrade-1.bak /etc/synnefo/x.conf'});
		print({type: 'run-finished', outcome: 'failed', summary: {ran: 2, alreadyDone: 0, skipped: 0, failed: 1}});
		expect(text).toBe([
			'    = backup /var/backups/snf-upgrade/snf_apps-before-0.15.dump',
			'    = backup /etc/synnefo/x.conf.snf-upgrade-1.bak',
			'Stopped: a step failed (2 ran, 0 already done, 0 skipped, 1 failed).',
			'Backups this run made, and how to restore each (on its host, with the services stopped):',
			'  db: /var/backups/snf-upgrade/snf_apps-before-0.15.dump',
			'      su - postgres -c "pg_restore --clean --create -d postgres" < /var/backups/snf-upgrade/snf_apps-before-0.15.dump',
			'  pithos: /etc/synnefo/x.conf.snf-upgrade-1.bak',
			'      cp -p -- /etc/synnefo/x.conf.snf-upgrade-1.bak /etc/synnefo/x.conf',
			'',
		].join('\n'));
	});

	it('ends a 256-host step with one summary line: the failed hosts first by id, cut with "and N more", then every count', () => {
		let text = '';
		const print = createLinePrinter({write: chunk => (text += chunk), redact: line => line});
		const packages = {...step, id: 'install-packages'};
		const hosts = Array.from({length: 256}, (_, index) => `gnt${index + 1}`);
		const failing = new Set(['gnt200', 'gnt3', 'gnt17', 'gnt100', 'gnt4', 'gnt5', 'gnt6', 'gnt7', 'gnt8', 'gnt9', 'gnt10', 'gnt11']);
		print({type: 'section-started', section: oauth});
		// Hosts end out of order, as they do in a fan-out.
		for (const host of [...hosts].reverse()) {
			if (host === 'gnt1' || host === 'gnt2') {
				print({type: 'step-skipped', step: packages, host, reason: 'already installed', alreadyDone: true});
			} else if (host === 'gnt256') {
				print({type: 'step-skipped', step: packages, host, reason: 'does not apply', alreadyDone: false});
			} else {
				print({type: 'step-started', step: packages, host});
				print(failing.has(host) ? {type: 'step-failed', step: packages, host, message: 'apt-get: exit code 100'} : {type: 'step-done', step: packages, host, detail: 'done'});
			}
		}

		print({type: 'step-done', step, host: 'astakos', detail: 'done'});
		print({type: 'run-finished', outcome: 'failed', summary: {ran: 242, alreadyDone: 2, skipped: 1, failed: 12}});
		const lines = text.split('\n');
		expect(lines.filter(line => line.includes('@ gnt'))).toHaveLength(256 + 253);
		const summaries = lines.filter(line => / on \d+ hosts: /.test(line));
		expect(summaries).toEqual(['[2.4 oauth] install-packages on 256 hosts: FAILED on gnt3, gnt4, gnt5, gnt6, gnt7, gnt8, gnt9, gnt10, gnt11, gnt17 and 2 more; 241 done, 2 already done, 12 failed, 1 skipped']);
		// The summary ends the step: right before the next step's first line; a one-host step has none.
		expect(lines[lines.indexOf(summaries[0]!) + 1]).toBe('[2.4 oauth] register-pithos-view @ astakos: done');
	});

	it('counts hosts that started but never ended as unfinished', () => {
		let text = '';
		const print = createLinePrinter({write: chunk => (text += chunk), redact: line => line});
		print({type: 'step-started', step, host: 'a'});
		print({type: 'step-started', step, host: 'b'});
		print({type: 'step-done', step, host: 'a', detail: 'done'});
		print({type: 'run-finished', outcome: 'interrupted', summary: {ran: 1, alreadyDone: 0, skipped: 0, failed: 0}});
		expect(text).toContain('[2.4 oauth] register-pithos-view on 2 hosts: 1 done, 0 already done, 0 failed, 0 skipped, 1 unfinished (b)\nInterrupted');
	});
});
