import type {Host} from '../domain/inventory-types.js';
import type {Executor} from '../executors/executor.js';
import type {ExecutorSource} from './run-types.js';

/**
 * Counts, per host, the changing commands (RunOptions.mutates not false: actions, file writes,
 * registrations) that started or ended through the executors of one run. Two equal counts mean this run
 * changed nothing on the host in between (and nothing changing was running then).
 */
export interface HostChanges {
	/** The executors, every changing command counted (before it starts and after it ends). */
	readonly executors: ExecutorSource;
	count(host: Host): number;
}

export function trackHostChanges(source: ExecutorSource): HostChanges {
	const counts = new Map<string, number>();
	const bump = (host: Host) => {
		counts.set(host.id, (counts.get(host.id) ?? 0) + 1);
	};

	return {
		executors: {
			get(host): Executor {
				const inner = source.get(host);
				return {
					host: inner.host,
					async run(commandLine, options) {
						if (options?.mutates === false) {
							return inner.run(commandLine, options);
						}

						bump(host);
						try {
							return await inner.run(commandLine, options);
						} finally {
							bump(host);
						}
					},
					dispose: async () => inner.dispose(),
				};
			},
		},
		count: host => counts.get(host.id) ?? 0,
	};
}
