import type { HousecallProSimulator } from '../../simulators/housecallPro';
import type { JobChanges } from './types';

export function housecallProChanges(sim: HousecallProSimulator): JobChanges {
	let next = 0;
	const iso = (ms: number) => new Date(ms).toISOString();
	const job = (id: string) => {
		const found = sim.getJob(id);
		if (!found) throw new Error(`Housecall Pro: no job ${id}`);
		return found;
	};
	return {
		key: 'housecallPro',
		create(atMs) {
			const id = `job_crash${String(next++).padStart(6, '0')}`;
			const at = iso(atMs);
			sim.putJob({ ...sim.listJobs()[0], id, work_status: 'needs scheduling', created_at: at, updated_at: at });
			return { id, updated: at };
		},
		touch(id, atMs) {
			const current = job(id);
			const at = iso(atMs);
			sim.putJob({ ...current, description: `${current.description} (edited)`, updated_at: at });
			return { id, updated: at };
		},
		changeStatus(id, atMs) {
			const current = job(id);
			const at = iso(atMs);
			sim.putJob({ ...current, work_status: current.work_status === 'needs scheduling' ? 'scheduled' : 'needs scheduling', updated_at: at });
			return { id, updated: at };
		},
		read: (json) => ({ id: String(json.id), updated: String(json.updated_at) }),
		isListRequest: (request) => request.method === 'GET' && request.path === '/jobs',
	};
}
