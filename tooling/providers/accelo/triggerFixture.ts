import { AcceloTrigger } from '../../../nodes/Accelo/AcceloTrigger.node';
import { AcceloSimulator } from '../../simulators/accelo';
import type { HarnessSetup, TriggerFixture } from '../fixtures';
import { triggerFixture } from '../shared/suite';
import { acceloKit, seconds } from './kit';

export function acceloTriggerFixture<H>(makeHarness: (setup: HarnessSetup) => H): TriggerFixture<H> {
	const sim = new AcceloSimulator({ jobCount: 40 });
	return triggerFixture(acceloKit, makeHarness, {
		node: new AcceloTrigger(),
		sim,
		scansForChanges: false,
		resolutionMs: 1000,
		listErrorBody: { meta: { status: 'server_error', message: 'Boom' }, response: {} },
		createJob: (atMs) => String(sim.insertJob({ title: `Trigger test ${atMs}`, status_id: 1, date_created: seconds(atMs), date_modified: seconds(atMs) }).id),
	});
}
