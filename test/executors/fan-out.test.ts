import {describe, expect, it} from 'vitest';
import {fanOut} from '../../source/executors/fan-out.js';

/** A task that finishes only when the test releases it, so concurrency is observed, not timed. */
function gate() {
	let release!: () => void;
	const done = new Promise<void>(resolve => {
		release = resolve;
	});
	return {done, release};
}

async function flush(): Promise<void> {
	for (let i = 0; i < 5; i++) {
		await new Promise(resolve => {
			setImmediate(resolve);
		});
	}
}

describe('fanOut', () => {
	it('runs at most limit at once and keeps results in input order', async () => {
		const hosts = ['gnt1', 'gnt2', 'gnt3', 'gnt4', 'gnt5'];
		const gates = new Map(hosts.map(host => [host, gate()]));
		const started: string[] = [];
		let running = 0;
		let peak = 0;
		const all = fanOut(hosts, 2, async host => {
			started.push(host);
			running++;
			peak = Math.max(peak, running);
			await gates.get(host)!.done;
			running--;
			return `${host} ok`;
		});
		await flush();
		expect(started).toEqual(['gnt1', 'gnt2']);
		// Finish out of order: the freed slot goes to the next host.
		gates.get('gnt2')!.release();
		await flush();
		expect(started).toEqual(['gnt1', 'gnt2', 'gnt3']);
		for (const host of ['gnt5', 'gnt4', 'gnt3', 'gnt1']) {
			gates.get(host)!.release();
		}

		const results = await all;
		expect(peak).toBe(2);
		expect(results).toEqual(hosts.map(host => ({item: host, result: `${host} ok`})));
	});

	it('a failure stays with its item and does not cancel the others', async () => {
		const results = await fanOut([1, 2, 3, 4], 3, async n => {
			if (n === 2) {
				throw new Error('apt-get failed on node 2');
			}

			return n * 10;
		});
		expect(results).toEqual([
			{item: 1, result: 10},
			{item: 2, error: new Error('apt-get failed on node 2')},
			{item: 3, result: 30},
			{item: 4, result: 40},
		]);
	});

	it('after an abort no new item starts; those get the abort reason', async () => {
		const controller = new AbortController();
		const ran: number[] = [];
		const results = await fanOut([1, 2, 3], 1, async n => {
			ran.push(n);
			controller.abort(new Error('stopped'));
			return n;
		}, controller.signal);
		expect(ran).toEqual([1]);
		expect(results).toEqual([{item: 1, result: 1}, {item: 2, error: new Error('stopped')}, {item: 3, error: new Error('stopped')}]);
	});

	it('handles no items and rejects a bad limit', async () => {
		await expect(fanOut([], 4, async () => 1)).resolves.toEqual([]);
		await expect(fanOut([1], 0, async () => 1)).rejects.toThrow(RangeError);
	});
});
