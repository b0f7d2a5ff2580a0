import { FsmNavigatorTrigger } from '../../../nodes/FsmNavigator/FsmNavigatorTrigger.node';
import { FsmNavigatorSimulator, fsmIso } from '../../simulators/fsmNavigator';
import type { HarnessSetup, TriggerFixture } from '../fixtures';
import { triggerFixture } from '../shared/suite';
import { fsmNavigatorKit } from './kit';

export function fsmNavigatorTriggerFixture<H>(makeHarness: (setup: HarnessSetup) => H): TriggerFixture<H> {
	const sim = new FsmNavigatorSimulator({ jobCount: 40 });
	let nextId = 50_000;
	return triggerFixture(fsmNavigatorKit, makeHarness, {
		node: new FsmNavigatorTrigger(),
		sim,
		scansForChanges: true,
		resolutionMs: 1000,
		listErrorBody: { success: false, error: 'internal_error', message: 'Boom' },
		createJob(atMs) {
			const id = nextId++;
			sim.putJob({ ...sim.jobs.ascending()[0], job_id: id, job_status: 'Pending', created_at: fsmIso(atMs), updated_at: fsmIso(atMs), assets: [] });
			return String(id);
		},
	});
}
