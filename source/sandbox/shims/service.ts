import {markDaemon} from '../daemon-files.js';
import {loadState, updateState} from '../state.js';
import type {ShimContext} from './context.js';
import {shibdCheck} from './shibd.js';
import path from 'node:path';

const descriptions: Readonly<Record<string, string>> = {
	gunicorn: 'Gunicorn workers',
	'snf-dispatcher': 'snf-dispatcher',
	'snf-ganeti-eventd': 'snf-ganeti-eventd',
	vncauthproxy: 'VNC authentication proxy',
	shibd: 'Shibboleth 3 daemon',
	apache2: 'web server',
	postgresql: 'PostgreSQL 9.1 database server',
	ganeti: 'Ganeti cluster',
	nfdhcpd: 'nfdhcpd',
	collectd: 'statistics collection and monitoring daemon',
};

/** Sets a service running or stopped on a host (the init script's effect). */
export function setRunning(sandbox: string, host: string, name: string, running: boolean): void {
	updateState(sandbox, state => {
		const service = state.hosts[host]?.services[name];
		if (service) {
			service.running = running;
			if (running) {
				service.startedAt = Date.now();
			}
		}
	});
	markDaemon(sandbox, host, name, running);
}

/** `service NAME start|stop|restart|status` with Debian wheezy's LSB messages. */
export default async function service(context: ShimContext): Promise<number> {
	const [name = '', action = ''] = context.args;
	const known = loadState(context.sandbox).hosts[context.host]?.services[name];
	if (!known) {
		context.err(`${name}: unrecognized service\n`);
		return 1;
	}

	const description = descriptions[name] ?? name;
	const start = (verb: string): number => {
		if (name === 'shibd') {
			const config = path.join(context.sandbox, context.host, 'etc/shibboleth/shibboleth2.xml');
			if (shibdCheck(config).code !== 0) {
				setRunning(context.sandbox, context.host, name, false);
				context.out(`[FAIL] ${verb} ${description}: shibd failed!\n`);
				return 1;
			}
		}

		setRunning(context.sandbox, context.host, name, true);
		context.out(`[ ok ] ${verb} ${description}: ${name}.\n`);
		return 0;
	};

	switch (action) {
		case 'start': {
			return start('Starting');
		}

		case 'restart':
		case 'force-reload':
		case 'reload': {
			return start('Restarting');
		}

		case 'stop': {
			setRunning(context.sandbox, context.host, name, false);
			context.out(`[ ok ] Stopping ${description}: ${name}.\n`);
			return 0;
		}

		case 'status': {
			if (known.running) {
				context.out(`[ ok ] ${name} is running.\n`);
				return 0;
			}

			context.out(`[FAIL] ${name} is not running ... failed!\n`);
			return 3;
		}

		default: {
			context.err(`Usage: /etc/init.d/${name} {start|stop|restart|force-reload|status}\n`);
			return 1;
		}
	}
}
