import { fsmIso, type FsmJobStatus, type FsmNavigatorSimulator } from '../../simulators/fsmNavigator';
import type { JobChanges } from './types';

export function fsmNavigatorChanges(sim: FsmNavigatorSimulator): JobChanges {
	let nextId = 900_000;
	const job = (id: string) => {
		const found = sim.getJob(Number(id));
		if (!found) throw new Error(`FSM Navigator: no job ${id}`);
		return found;
	};
	return {
		key: 'fsmNavigator',
		create(atMs) {
			const at = fsmIso(atMs);
			const id = nextId++;
			sim.putJob({ ...sim.jobs.ascending()[0], assets: [], job_id: id, job_title: `Crash test ${id}`, job_status: 'Pending', created_at: at, updated_at: at });
			return { id: String(id), updated: at };
		},
		touch(id, atMs) {
			const current = job(id);
			const at = fsmIso(atMs);
			sim.putJob({ ...current, job_description: `${current.job_description} (edited)`, updated_at: at });
			return { id, updated: at };
		},
		changeStatus(id, atMs) {
			const current = job(id);
			const to: FsmJobStatus = current.job_status === 'Pending' ? 'Assigned' : 'Pending';
			const at = fsmIso(atMs);
			sim.putJob({ ...current, job_status: to, updated_at: at });
			return { id, updated: at };
		},
		read: (json) => ({ id: String(json.job_id), updated: String(json.updated_at) }),
		isListRequest: (request) => request.method === 'GET' && request.path === '/api/v1/jobs',
	};
}
