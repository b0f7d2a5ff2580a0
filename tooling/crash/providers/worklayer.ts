import { randomUUID } from 'node:crypto';

import { putDraftJob, worklayerKit } from '../../providers/worklayer/kit';
import { worklayerIsoMs, type WorklayerSimulator } from '../../simulators/worklayer';
import { kitChanges, type JobChanges } from './types';

export function worklayerChanges(sim: WorklayerSimulator): JobChanges {
	let serial = 0;
	return kitChanges(worklayerKit, sim, (atMs) => {
		const id = randomUUID();
		const at = worklayerIsoMs(atMs);
		serial++;
		putDraftJob(sim, { id, shortId: `C${String(serial).padStart(10, '0')}`, createTime: at, updateTime: at });
		return { id, updated: at };
	});
}
