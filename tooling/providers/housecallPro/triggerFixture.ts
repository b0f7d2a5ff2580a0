import { HousecallProTrigger } from '../../../nodes/HousecallPro/HousecallProTrigger.node';
import { HousecallProSimulator } from '../../simulators/housecallPro';
import type { HarnessSetup, TriggerFixture } from '../fixtures';
import { triggerFixture } from '../shared/suite';
import { housecallProKit, iso } from './kit';

export function housecallProTriggerFixture<H>(makeHarness: (setup: HarnessSetup) => H): TriggerFixture<H> {
	const sim = new HousecallProSimulator({ jobCount: 40 });
	let next = 0;
	return triggerFixture(housecallProKit, makeHarness, {
		node: new HousecallProTrigger(),
		sim,
		scansForChanges: false,
		resolutionMs: 1000,
		listErrorBody: { error: { message: 'Boom' } },
		createJob(atMs) {
			const id = `job_trigger${String(next++).padStart(6, '0')}`;
			sim.putJob({ ...sim.listJobs()[0], id, work_status: 'needs scheduling', created_at: iso(atMs), updated_at: iso(atMs) });
			return id;
		},
	});
}
