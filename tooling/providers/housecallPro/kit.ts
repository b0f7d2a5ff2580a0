/** Housecall Pro's simulator in the node suites and the crash test (see ../shared/kit.ts). */
import { HousecallProApi } from '../../../credentials/HousecallProApi.credentials';
import { HCP_DEFAULT_COMPANY_API_KEY, type HcpJob, type HousecallProSimulator } from '../../simulators/housecallPro';
import { apiKeyCredential, storeKit } from '../shared/kit';

export const iso = (ms: number): string => new Date(ms).toISOString();

export const housecallProKit = storeKit<HousecallProSimulator, HcpJob, 'work_status'>(
	{
		key: 'housecallPro',
		name: 'Housecall Pro',
		credentialTypes: () => [new HousecallProApi()],
		credential: apiKeyCredential('housecallProApi', HCP_DEFAULT_COMPANY_API_KEY),
		listPath: '/jobs',
		idField: 'id',
		updatedField: 'updated_at',
	},
	{
		get: (sim, id) => sim.getJob(id),
		write(sim, _id, job, patch, atMs) {
			sim.putJob({ ...job, ...patch, updated_at: iso(atMs) });
			return iso(atMs);
		},
		touched: (job) => ({ description: `${job.description} (edited)` }),
		statusField: 'work_status',
		statuses: ['needs scheduling', 'scheduled'],
	},
);
