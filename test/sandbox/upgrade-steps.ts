import fs from 'node:fs';
import type {Sandbox} from './helpers.js';

/** Runs a command and fails the test with its output when it does not exit 0. */
export function ok(sandbox: Sandbox, host: string, command: string, input = ''): string {
	const result = sandbox.run(host, command, input);
	if (result.code !== 0) {
		throw new Error(`${host}$ ${command} → ${result.code}\n${result.stdout}\n${result.stderr}`);
	}

	return result.stdout + result.stderr;
}

export const packages = {
	astakos: 'python-objpool snf-common python-astakosclient snf-django-lib snf-webproject snf-branding snf-astakos-app',
	cyclades: 'python-objpool snf-common python-astakosclient snf-django-lib snf-webproject snf-branding snf-pithos-backend snf-cyclades-app snf-vncauthproxy',
	pithos: 'python-objpool snf-common python-astakosclient snf-django-lib snf-webproject snf-branding snf-pithos-backend snf-pithos-app snf-pithos-webclient',
	stats: 'python-objpool snf-common snf-django-lib snf-webproject snf-branding snf-stats-app',
	ganeti: 'python-objpool snf-common snf-cyclades-gtools snf-pithos-backend snf-network',
};

export function appendSettings(sandbox: Sandbox, host: string, file: string, lines: string): void {
	const path = sandbox.file(host, `etc/synnefo/${file}`);
	fs.writeFileSync(path, `${fs.readFileSync(path, 'utf8')}\n${lines}\n`);
}

export function commentOut(sandbox: Sandbox, host: string, file: string, name: string): void {
	const path = sandbox.file(host, `etc/synnefo/${file}`);
	fs.writeFileSync(path, fs.readFileSync(path, 'utf8').replaceAll(new RegExp(`^${name} =`, 'gm'), `#${name} =`));
}

/** Before the packages: NIC names, ipolicy; then services down and backups (the networks go to every backend once 0.15 is installed). */
export function preUpgrade(sandbox: Sandbox): void {
	ok(sandbox, 'cyclades', `${sandbox.file('cyclades', 'usr/lib/synnefo/tools/add_unique_name_to_nics')}`);
	for (const master of ['ganeti1-master', 'ganeti2-master']) {
		ok(sandbox, master, 'gnt-cluster modify --ipolicy-bounds-specs min:cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=0,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=32,spindle-use=12');
		ok(sandbox, master, 'service snf-ganeti-eventd stop');
	}

	// ganeti2's default node group overrides the bounds: it gets the same change, its max nic-count 40 kept.
	ok(sandbox, 'ganeti2-master', 'gnt-group modify --ipolicy-bounds-specs min:cpu-count=1,disk-count=1,disk-size=512,memory-size=128,nic-count=0,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=40,spindle-use=12 -- default');

	for (const host of ['astakos', 'cyclades', 'pithos']) {
		ok(sandbox, host, 'service gunicorn stop');
	}

	ok(sandbox, 'cyclades', 'service snf-dispatcher stop');
	dumpDatabases(sandbox, 'before-0.15');
}

/** Every database dumped by hand as the backup steps name them (<db>-<stage>.dump in backupDir, 0600). */
export function dumpDatabases(sandbox: Sandbox, stage: string): void {
	const backups = sandbox.file('astakos', sandbox.document.answers.backupDir);
	const dumps = sandbox.document.answers.backupDatabases.map(database => `su - postgres -c "pg_dump -Fc ${database}" > ${backups}/${database}-${stage}.dump`);
	ok(sandbox, 'astakos', `mkdir -p -m 0700 ${backups} && umask 077 && ${dumps.join(' && ')}`);
}

/** Packages, services down again, migrations. */
export function packagesAndMigrations(sandbox: Sandbox): void {
	for (const host of ['astakos', 'cyclades', 'pithos', 'stats'] as const) {
		ok(sandbox, host, `apt-get install -y ${packages[host]}`);
	}

	for (const host of ['ganeti1-master', 'ganeti1-node2', 'ganeti2-master']) {
		ok(sandbox, host, `apt-get install -y ${packages.ganeti}`);
	}

	ok(sandbox, 'ganeti1-master', 'service snf-ganeti-eventd stop');
	ok(sandbox, 'ganeti2-master', 'service snf-ganeti-eventd stop');
	for (const host of ['astakos', 'cyclades', 'pithos', 'stats']) {
		ok(sandbox, host, 'service gunicorn stop');
	}

	ok(sandbox, 'cyclades', 'service snf-dispatcher stop');
	ok(sandbox, 'astakos', 'snf-manage syncdb --noinput && snf-manage migrate --noinput');
	ok(sandbox, 'cyclades', 'snf-manage syncdb', 'no\n');
	ok(sandbox, 'cyclades', 'snf-manage migrate', 'no\n');
	ok(sandbox, 'pithos', 'pithos-migrate upgrade head');
	dumpDatabases(sandbox, 'after-migrations');
}
