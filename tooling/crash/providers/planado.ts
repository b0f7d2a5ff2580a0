import { planadoKit, planadoUuid, putPostedJob } from '../../providers/planado/kit';
import { planadoTimestamp, type PlanadoSimulator } from '../../simulators/planado';
import { kitChanges, type JobChanges } from './types';

export function planadoChanges(sim: PlanadoSimulator): JobChanges {
	let serial = 800_000;
	return kitChanges(planadoKit, sim, (atMs) => {
		const n = serial++;
		const at = planadoTimestamp(atMs);
		putPostedJob(sim, planadoUuid(9000, n), n, at);
		return { id: planadoUuid(9000, n), updated: at };
	});
}
