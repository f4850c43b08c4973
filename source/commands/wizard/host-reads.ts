import type {Executor} from '../../executors/executor.js';
import type {Host} from '../../domain/inventory-types.js';
import {createExecutorPool, type ExecutorPool} from '../../runner/executor-pool.js';
import type {ExecutorSource} from '../../runner/run-types.js';

/** The wizard's reads from the hosts outside a section run (the welcome's journal check, defaults, sudo needs, previews). */
export interface HostReads {
	/** Runs `work` with executors of its own, disposed after it. */
	withPool<T>(work: (pool: ExecutorSource) => Promise<T>): Promise<T>;
	/** Disposes the executors of the reads under way (a connect to a host that has not answered is given up); from then on no host is read. */
	close(): Promise<void>;
	/** Aborted by close(): a read with an executor of its own (the connection test) disposes it then. */
	readonly closing: AbortSignal;
}

export function hostReads(factory: () => Promise<(host: Host) => Executor>): HostReads {
	const pools = new Set<ExecutorPool>();
	const closing = new AbortController();
	const refuseClosed = () => {
		if (closing.signal.aborted) {
			throw new Error('the wizard has ended: nothing more is read from the hosts');
		}
	};

	return {
		async withPool(work) {
			refuseClosed();
			const made = await factory();
			refuseClosed();
			const pool = createExecutorPool(made);
			pools.add(pool);
			try {
				return await work({
					get(host) {
						refuseClosed();
						return pool.get(host);
					},
				});
			} finally {
				pools.delete(pool);
				await pool.dispose();
			}
		},
		closing: closing.signal,
		async close() {
			closing.abort();
			await Promise.allSettled([...pools].map(async pool => pool.dispose()));
		},
	};
}
