/** A new job in Worklayer's simulator, as the trigger, Simplify and crash runs create them. */
import type { WorklayerSimulator } from '../../simulators/worklayer';

/** Puts a new draft job (a copy of the first job, without deadline) with these ids and times. */
export function putDraftJob(sim: WorklayerSimulator, job: { id: string; shortId: string; createTime: string; updateTime: string }): void {
	const template = sim.listJobs()[0];
	sim.putJob({
		...template,
		id: job.id,
		short_id: job.shortId,
		status: 'UNDER_CONSTRUCTION',
		create_time: job.createTime,
		update_time: job.updateTime,
		transmit_time: null,
		deadline_time: null,
		members: template.members.map((member) => ({ ...member })),
	});
}
