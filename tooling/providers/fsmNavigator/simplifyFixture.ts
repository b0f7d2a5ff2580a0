import { FsmNavigator } from '../../../nodes/FsmNavigator/FsmNavigator.node';
import { FsmNavigatorTrigger } from '../../../nodes/FsmNavigator/FsmNavigatorTrigger.node';
import { FSM_DEFAULT_API_KEY, FsmNavigatorSimulator, fsmIso } from '../../simulators/fsmNavigator';
import type { HarnessSetup, SimplifyFixture } from '../fixtures';
import { simplifyFixture } from '../shared/suite';
import { fsmNavigatorKit } from './kit';

export function fsmNavigatorSimplifyFixture<H>(makeHarness: (setup: HarnessSetup) => H): SimplifyFixture<H> {
	const sim = new FsmNavigatorSimulator({ jobCount: 120 });
	return simplifyFixture(fsmNavigatorKit, sim, { action: new FsmNavigator(), trigger: new FsmNavigatorTrigger() }, makeHarness, {
		sampleJobId() {
			const job = sim.jobs.ascending().find((j) => j.assigned_technician_id !== null && j.scheduled_start && j.actual_end);
			if (!job) throw new Error('no such job in the data');
			return String(job.job_id);
		},
		expected(jobId) {
			const job = sim.getJob(Number(jobId));
			if (!job) throw new Error(`no job ${jobId}`);
			return {
				provider: 'fsmNavigator',
				id: String(job.job_id),
				title: job.job_title,
				status: job.job_status,
				customer: { id: String(job.customer_id), name: job.customer_name },
				assignees: [{ id: String(job.assigned_technician_id), name: job.assigned_technician_name }],
				scheduledStart: new Date(job.scheduled_start as string).toISOString(),
				createdAt: new Date(job.created_at).toISOString(),
				completedAt: new Date(job.actual_end as string).toISOString(),
				amount: null,
				url: null,
			};
		},
		createJob(atMs) {
			const template = sim.jobs.ascending()[0];
			const id = 90_000 + sim.jobs.size;
			sim.putJob({ ...template, job_id: id, created_at: fsmIso(atMs), updated_at: fsmIso(atMs), assets: [] });
			return String(id);
		},
	});
}
