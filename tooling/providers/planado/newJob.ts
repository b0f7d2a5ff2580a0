/** A new job in Planado's simulator, as the trigger, Simplify and crash runs create them. */
import type { PlanadoSimulator } from '../../simulators/planado';

/** Puts a new posted job (a copy of the first job, unassigned and unscheduled) created and updated at `stamp`. */
export function putPostedJob(sim: PlanadoSimulator, uuid: string, serialNo: number, stamp: string): void {
	sim.putJob({
		...sim.listJobs()[0],
		uuid,
		serial_no: serialNo,
		external_id: null,
		status: 'posted',
		assignee: null,
		scheduled_at: null,
		resolution: null,
		version: 1,
		created_at: stamp,
		updated_at: stamp,
	});
}
