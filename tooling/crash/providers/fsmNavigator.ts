import { fsmNavigatorKit } from '../../providers/fsmNavigator/kit';
import { fsmIso, type FsmNavigatorSimulator } from '../../simulators/fsmNavigator';
import { kitChanges, type JobChanges } from './types';

export function fsmNavigatorChanges(sim: FsmNavigatorSimulator): JobChanges {
	let nextId = 900_000;
	return kitChanges(fsmNavigatorKit, sim, (atMs) => {
		const at = fsmIso(atMs);
		const id = nextId++;
		sim.putJob({ ...sim.jobs.ascending()[0], assets: [], job_id: id, job_title: `Crash test ${id}`, job_status: 'Pending', created_at: at, updated_at: at });
		return { id: String(id), updated: at };
	});
}
