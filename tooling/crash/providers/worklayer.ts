import { randomUUID } from 'node:crypto';

import { worklayerIsoMs, type WorklayerJobStatus, type WorklayerSimulator } from '../../simulators/worklayer';
import type { JobChanges } from './types';
import { putDraftJob } from '../../providers/worklayer/newJob';

export function worklayerChanges(sim: WorklayerSimulator): JobChanges {
	let serial = 0;
	const job = (id: string) => {
		const found = sim.getJob(id);
		if (!found) throw new Error(`Worklayer: no job ${id}`);
		return found;
	};
	return {
		key: 'worklayer',
		create(atMs) {
			const id = randomUUID();
			const at = worklayerIsoMs(atMs);
			serial++;
			putDraftJob(sim, { id, shortId: `C${String(serial).padStart(10, '0')}`, createTime: at, updateTime: at });
			return { id, updated: at };
		},
		touch(id, atMs) {
			const current = job(id);
			const at = worklayerIsoMs(atMs);
			sim.putJob({ ...current, description: `${current.description} (edited)`, update_time: at });
			return { id, updated: at };
		},
		changeStatus(id, atMs) {
			const current = job(id);
			const to: WorklayerJobStatus = current.status === 'UNDER_CONSTRUCTION' ? 'UNCLAIMED' : 'UNDER_CONSTRUCTION';
			const at = worklayerIsoMs(atMs);
			sim.putJob({ ...current, status: to, update_time: at });
			return { id, updated: at };
		},
		read: (json) => ({ id: String(json.id), updated: String(json.update_time) }),
		isListRequest: (request) => request.method === 'GET' && request.path === '/v1.0/jobs',
	};
}
