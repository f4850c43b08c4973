import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';

/**
 * Where each daemon keeps its pid file on a Debian host: written when it starts, removed when it stops,
 * so the file's mtime is the start time the restart probes read.
 * vncauthproxy: facts §4 (--pid-file default); snf-ganeti-eventd, snf-dispatcher: debian/*.init at
 * debian/0.15-1wheezy; shibd: Debian's /etc/init.d/shibd (PIDFILE=/run/shibboleth/$NAME.pid, /var/run → /run);
 * gunicorn: Debian's gunicorn-debian, /var/run/gunicorn/<name of the /etc/gunicorn.d file>.pid (synnefo, facts §6).
 */
export const pidFiles: Readonly<Record<string, string>> = {
	vncauthproxy: 'var/run/vncauthproxy/vncauthproxy.pid',
	gunicorn: 'var/run/gunicorn/synnefo.pid',
	shibd: 'var/run/shibboleth/shibd.pid',
	'snf-ganeti-eventd': 'var/run/snf-ganeti-eventd.pid',
	'snf-dispatcher': 'var/run/synnefo/snf_dispatcher.pid',
};

/** The daemon's start or stop as its pid file shows it (services without a known pid file have none). */
export function markDaemon(sandbox: string, host: string, service: string, running: boolean): void {
	const relative = pidFiles[service];
	if (relative === undefined) {
		return;
	}

	const file = path.join(sandbox, host, relative);
	if (!running) {
		fs.rmSync(file, {force: true});
		return;
	}

	fs.mkdirSync(path.dirname(file), {recursive: true});
	// Replaced, not rewritten in place: a new daemon writes a new file (as pidlockfile and start-stop-daemon do).
	fs.rmSync(file, {force: true});
	fs.writeFileSync(file, `${process.pid}\n`);
}

/** dpkg's file list of a package, rewritten by every unpack (/var/lib/dpkg/info/PKG.list). */
export function writeDpkgList(sandbox: string, host: string, name: string): void {
	const file = path.join(sandbox, host, 'var/lib/dpkg/info', `${name}.list`);
	fs.mkdirSync(path.dirname(file), {recursive: true});
	fs.writeFileSync(`${file}-new`, `/.\n/usr\n/usr/share\n/usr/share/doc\n/usr/share/doc/${name}\n`);
	fs.renameSync(`${file}-new`, file);
}
