import { planadoTimestamp, type PlanadoSimulator } from '../../simulators/planado';
import type { JobChanges } from './types';
import { putPostedJob } from '../../providers/planado/newJob';

export function planadoChanges(sim: PlanadoSimulator): JobChanges {
	let serial = 800_000;
	const uuidOf = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
	const job = (uuid: string) => {
		const found = sim.getJob(uuid);
		if (!found) throw new Error(`Planado: no job ${uuid}`);
		return found;
	};
	return {
		key: 'planado',
		create(atMs) {
			const n = serial++;
			const at = planadoTimestamp(atMs);
			putPostedJob(sim, uuidOf(n), n, at);
			return { id: uuidOf(n), updated: at };
		},
		touch(uuid, atMs) {
			const current = job(uuid);
			const at = planadoTimestamp(atMs);
			sim.putJob({ ...current, description: `${current.description ?? ''} (edited)`, version: current.version + 1, updated_at: at });
			return { id: uuid, updated: at };
		},
		changeStatus(uuid, atMs) {
			const from = job(uuid).status;
			sim.setStatus(uuid, from === 'posted' ? 'canceled' : 'posted', { at: new Date(atMs) });
			return { id: uuid, updated: job(uuid).updated_at };
		},
		read: (json) => ({ id: String(json.uuid), updated: String(json.updated_at) }),
		isListRequest: (request) => request.method === 'GET' && request.path === '/v2/jobs',
	};
}
