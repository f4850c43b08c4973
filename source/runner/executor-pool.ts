import type {Host} from '../domain/inventory-types.js';
import type {Executor} from '../executors/executor.js';
import type {ExecutorSource} from './run-types.js';

/** One executor per host, made on first use by the injected factory; dispose() closes them all. */
export interface ExecutorPool extends ExecutorSource {
	/** Executors made so far. */
	readonly made: () => readonly Executor[];
	dispose(): Promise<void>;
}

export function createExecutorPool(factory: (host: Host) => Executor): ExecutorPool {
	const executors = new Map<string, Executor>();
	return {
		get(host) {
			let executor = executors.get(host.id);
			if (executor === undefined) {
				executor = factory(host);
				executors.set(host.id, executor);
			}

			return executor;
		},
		made: () => [...executors.values()],
		async dispose() {
			const all = [...executors.values()];
			executors.clear();
			await Promise.allSettled(all.map(async executor => executor.dispose()));
		},
	};
}
