import { PlanadoTrigger } from '../../../nodes/Planado/PlanadoTrigger.node';
import { PlanadoSimulator, planadoTimestamp } from '../../simulators/planado';
import type { HarnessSetup, TriggerFixture } from '../fixtures';
import { triggerFixture } from '../shared/suite';
import { planadoKit, planadoUuid, putPostedJob } from './kit';

export function planadoTriggerFixture<H>(makeHarness: (setup: HarnessSetup) => H): TriggerFixture<H> {
	const sim = new PlanadoSimulator({ jobCount: 40 });
	let serial = 90_000;
	return triggerFixture(planadoKit, makeHarness, {
		node: new PlanadoTrigger(),
		sim,
		scansForChanges: false,
		// Planado stamps microseconds; whole seconds keep the suite's clock steps clear of real time passing.
		resolutionMs: 1000,
		listErrorBody: { error: 'internal', message: 'Boom' },
		createJob(atMs) {
			const n = serial++;
			putPostedJob(sim, planadoUuid(8000, n), n, planadoTimestamp(atMs));
			return planadoUuid(8000, n);
		},
	});
}
