/** FSM Navigator's simulator in the node suites and the crash test (see ../shared/kit.ts). */
import { FsmNavigatorApi } from '../../../credentials/FsmNavigatorApi.credentials';
import { FSM_DEFAULT_API_KEY, fsmIso, type FsmJob, type FsmNavigatorSimulator } from '../../simulators/fsmNavigator';
import { apiKeyCredential, storeKit } from '../shared/kit';

export const fsmNavigatorKit = storeKit<FsmNavigatorSimulator, FsmJob, 'job_status'>(
	{
		key: 'fsmNavigator',
		name: 'FSM Navigator',
		credentialTypes: () => [new FsmNavigatorApi()],
		credential: apiKeyCredential('fsmNavigatorApi', FSM_DEFAULT_API_KEY),
		listPath: '/api/v1/jobs',
		idField: 'job_id',
		updatedField: 'updated_at',
	},
	{
		get: (sim, id) => sim.getJob(Number(id)),
		write(sim, _id, job, patch, atMs) {
			const at = fsmIso(atMs);
			sim.putJob({ ...job, ...patch, updated_at: at });
			return at;
		},
		touched: (job) => ({ job_description: `${job.job_description} (edited)` }),
		statusField: 'job_status',
		statuses: ['Pending', 'Assigned'],
	},
);
