import { randomUUID } from 'node:crypto';

import { WorklayerTrigger } from '../../../nodes/Worklayer/WorklayerTrigger.node';
import { generateWorklayerData, worklayerIsoMs, WorklayerSimulator } from '../../simulators/worklayer';
import type { HarnessSetup, TriggerFixture } from '../fixtures';
import { triggerFixture } from '../shared/suite';
import { putDraftJob, worklayerKit } from './kit';

export function worklayerTriggerFixture<H>(makeHarness: (setup: HarnessSetup) => H): TriggerFixture<H> {
	// Dated up to now, so that some generated jobs fall inside the trigger's 90-day window.
	const sim = new WorklayerSimulator({ data: generateWorklayerData(40, 1, new Date()) });
	let serial = 0;
	return triggerFixture(worklayerKit, makeHarness, {
		node: new WorklayerTrigger(),
		sim,
		scansForChanges: true,
		// create_time has milliseconds, but the suite's clock steps 2 × this: whole seconds stay ahead of real time.
		resolutionMs: 1000,
		listErrorBody: { error: 'Internal', message: 'Boom' },
		createJob(atMs) {
			const id = randomUUID();
			serial++;
			const at = worklayerIsoMs(atMs);
			// update_time with microseconds, as the API writes it.
			putDraftJob(sim, { id, shortId: `T${String(serial).padStart(10, '0')}`, createTime: at, updateTime: `${at.slice(0, -1)}${String(serial % 1000).padStart(3, '0')}Z` });
			return id;
		},
	});
}
