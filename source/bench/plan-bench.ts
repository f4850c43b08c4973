import {performance} from 'node:perf_hooks';
import type {Answers} from '../domain/answer-types.js';
import {resolveAnswers} from '../domain/answers/resolve-answers.js';
import type {GanetiBackend, Host, Inventory} from '../domain/inventory-types.js';
import {buildPlan} from '../domain/plan/build-plan.js';
import {renderText} from '../domain/plan/render-text.js';
import {answersDocument} from '../sandbox/answers-document.js';
import {round} from './bench-types.js';
import type {BenchModule} from './bench-types.js';

const clusters = 4;
const nodesPerCluster = 64;

const sshHost = (id: string): Host => ({id, label: `root@${id}.bench.test:22`, sudo: false, target: {kind: 'ssh', user: 'root', host: `${id}.bench.test`}});

/** The service hosts of a deployment and `clusters` Ganeti clusters of `nodesPerCluster` nodes each (the master is node 1). */
export function fleetInventory(clusterCount: number, nodeCount: number): Inventory {
	const ganeti: GanetiBackend[] = Array.from({length: clusterCount}, (_, cluster) => {
		const nodes = Array.from({length: nodeCount}, (_, node) => sshHost(`gnt${cluster + 1}-node${node + 1}`));
		return {name: `ganeti${cluster + 1}.bench.test`, master: nodes[0]!, nodes};
	});
	const cyclades = sshHost('cyclades');
	const astakos = sshHost('astakos');
	return {astakos, cyclades, pithos: sshHost('pithos'), stats: sshHost('stats'), vncauthproxy: cyclades, db: astakos, ganeti};
}

/** `plan` for 256 Ganeti nodes (4 clusters × 64) with every answer a full upgrade needs: buildPlan and the text rendering, first call (as the CLI makes it). */
const planBench: BenchModule = async emit => {
	const answers = resolveAnswers(answersDocument('/nonexistent-bench-sandbox').answers as Answers);
	const inventory = fleetInventory(clusters, nodesPerCluster);
	const start = performance.now();
	const plan = buildPlan({answers, inventory});
	const text = renderText(plan);
	const seconds = (performance.now() - start) / 1000;
	const hostsInPlan = new Set(plan.steps.flatMap(step => step.actions.map(action => action.host.id)));
	if (hostsInPlan.size < clusters * nodesPerCluster || text.length === 0) {
		throw new Error(`the 256-node plan names ${hostsInPlan.size} hosts`);
	}

	emit({name: 'plan-256-nodes-s', value: round(seconds, 3), unit: 's', target: '<= 1'});
};

export default planBench;
