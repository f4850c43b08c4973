import {shellQuote} from '../domain/shell-quote.js';

/**
 * The shell that leads every local command's process group, between setpriv and the command: it runs
 * the command as its child and waits. Set up with `setpriv --pdeathsig HUP`, it gets SIGHUP when
 * snf-upgrade dies, however it dies (SIGKILL, OOM), and kills its whole group: no command outlives the
 * run unnoticed. A TERM to the group (abort, timeout) reaches the command, which gets the grace period
 * to end; the guard keeps waiting for it. Its own ending mirrors the command's: a death by a signal is
 * re-raised, so the exit status and signal are the command's. The command's stdin is the guard's
 * (a background job would otherwise read /dev/null).
 */
const groupGuard = [
	"trap 'kill -s KILL 0' HUP",
	'trap : TERM',
	'exec 3<&0',
	'/bin/sh -c "$1" <&3 3<&- &',
	'c=$!',
	'exec 3<&-',
	'while :; do wait $c; s=$?; kill -s 0 $c 2>/dev/null || break; done',
	'if [ $s -gt 128 ]; then trap - HUP TERM; kill -s "$(kill -l $s)" $$; fi',
	'exit $s',
].join('\n');

const guarded = (line: string): readonly string[] => ['--pdeathsig', 'HUP', '--', '/bin/sh', '-c', groupGuard, 'snf-upgrade-command', line];

/**
 * The argv that runs a command line under the group guard; with a pseudo-terminal through util-linux
 * `script -q -e -c … /dev/null` (Node has no pty of its own; script's child gets the pty as its
 * controlling terminal, so getpass() works; stdout and stderr arrive merged, with CRLF line ends).
 * script itself is set to die (SIGKILL) with snf-upgrade; the guard inside then gets its SIGHUP.
 */
export function commandArgv(line: string, pty: boolean): readonly [string, readonly string[]] {
	return pty
		? ['setpriv', ['--pdeathsig', 'KILL', '--', 'script', '-q', '-e', '-c', ['setpriv', ...guarded(line)].map(word => shellQuote(word)).join(' '), '/dev/null']]
		: ['setpriv', guarded(line)];
}
