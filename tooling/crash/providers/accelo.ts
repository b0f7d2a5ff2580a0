import type { AcceloSimulator } from '../../simulators/accelo';
import type { JobChanges } from './types';

/** Accelo dates jobs in whole seconds (Unix time). */
const seconds = (ms: number) => Math.floor(ms / 1000);

export function acceloChanges(sim: AcceloSimulator): JobChanges {
	return {
		key: 'accelo',
		create(atMs) {
			const job = sim.insertJob({ title: `Crash test ${atMs}`, status_id: 1, date_created: seconds(atMs), date_modified: seconds(atMs) });
			return { id: String(job.id), updated: String(job.date_modified) };
		},
		touch(id, atMs) {
			const job = sim.updateJob(id, { title: `Edited ${atMs}`, date_modified: seconds(atMs) });
			return { id, updated: String(job.date_modified) };
		},
		changeStatus(id, atMs) {
			const from = sim.getJob(id)?.status_id;
			const job = sim.updateJob(id, { status_id: from === 1 ? 2 : 1, date_modified: seconds(atMs) });
			return { id, updated: String(job.date_modified) };
		},
		read: (json) => ({ id: String(json.id), updated: String(json.date_modified) }),
		isListRequest: (request) => request.method === 'GET' && request.path === '/api/v0/jobs',
	};
}
