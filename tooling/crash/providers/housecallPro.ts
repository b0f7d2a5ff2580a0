import { housecallProKit, iso } from '../../providers/housecallPro/kit';
import type { HousecallProSimulator } from '../../simulators/housecallPro';
import { kitChanges, type JobChanges } from './types';

export function housecallProChanges(sim: HousecallProSimulator): JobChanges {
	let next = 0;
	return kitChanges(housecallProKit, sim, (atMs) => {
		const id = `job_crash${String(next++).padStart(6, '0')}`;
		const at = iso(atMs);
		sim.putJob({ ...sim.listJobs()[0], id, work_status: 'needs scheduling', created_at: at, updated_at: at });
		return { id, updated: at };
	});
}
