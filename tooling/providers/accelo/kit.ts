/** Accelo's simulator in the node suites and the crash test (see ../shared/kit.ts). */
import { AcceloOAuth2Api } from '../../../credentials/AcceloOAuth2Api.credentials';
import type { AcceloJob, AcceloSimulator } from '../../simulators/accelo';
import { storeKit } from '../shared/kit';

/** Accelo dates jobs in whole seconds (Unix time). */
export const seconds = (ms: number): number => Math.floor(ms / 1000);

export const acceloKit = storeKit<AcceloSimulator, AcceloJob, 'status_id'>(
	{
		key: 'accelo',
		name: 'Accelo',
		credentialTypes: () => [new AcceloOAuth2Api()],
		credential: (sim, baseUrl) => ({
			type: 'acceloOAuth2Api',
			data: { deployment: sim.deployment, baseUrl, clientId: sim.clientId, clientSecret: sim.clientSecret },
		}),
		listPath: '/api/v0/jobs',
		idField: 'id',
		updatedField: 'date_modified',
	},
	{
		get: (sim, id) => sim.getJob(id),
		write: (sim, id, _job, patch, atMs) => String(sim.updateJob(id, { ...patch, date_modified: seconds(atMs) }).date_modified),
		touched: (_job, atMs) => ({ title: `Edited ${atMs}` }),
		statusField: 'status_id',
		statuses: [1, 2],
	},
);
