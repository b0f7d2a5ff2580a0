import { acceloKit, seconds } from '../../providers/accelo/kit';
import type { AcceloSimulator } from '../../simulators/accelo';
import { kitChanges, type JobChanges } from './types';

export function acceloChanges(sim: AcceloSimulator): JobChanges {
	return kitChanges(acceloKit, sim, (atMs) => {
		const job = sim.insertJob({ title: `Crash test ${atMs}`, status_id: 1, date_created: seconds(atMs), date_modified: seconds(atMs) });
		return { id: String(job.id), updated: String(job.date_modified) };
	});
}
