/** FSM Navigator in the sandbox: `test/simulators/fsmNavigator.ts` with demo data dated up to now. */
import {
	FSM_DEFAULT_API_KEY,
	FsmNavigatorSimulator,
	generateFsmData,
	type FsmData,
} from '../../../tooling/simulators/fsmNavigator';
import { countBy, idFreePath, PACKAGE_NAME, type DemoProvider, type RunningSimulator } from '../provider';

const ISO_SECONDS_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function shiftIso(value: string, deltaMs: number): string {
	return new Date(Date.parse(value) + deltaMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Moves every `YYYY-MM-DDTHH:MM:SSZ` value of an object tree by `deltaMs` (in place). */
function shiftDates(value: unknown, deltaMs: number): void {
	if (Array.isArray(value)) {
		value.forEach((item, i) => {
			if (typeof item === 'string' && ISO_SECONDS_Z.test(item)) value[i] = shiftIso(item, deltaMs);
			else shiftDates(item, deltaMs);
		});
	} else if (typeof value === 'object' && value !== null) {
		const record = value as Record<string, unknown>;
		for (const [key, item] of Object.entries(record)) {
			if (typeof item === 'string' && ISO_SECONDS_Z.test(item)) record[key] = shiftIso(item, deltaMs);
			else shiftDates(item, deltaMs);
		}
	}
}

/**
 * `generateFsmData` dates its jobs against a fixed reference date (FSM_REFERENCE_DATE); the demo
 * moves them so that "now" is the reference, so filters such as "created in the last day" find jobs.
 * The shift is whole seconds: relative times, order and statuses stay exactly as generated.
 */
export function fsmDemoData(jobCount: number, now: Date): FsmData {
	const data = generateFsmData(jobCount);
	const deltaMs = Math.floor(now.getTime() / 1000) * 1000 - Date.parse(data.referenceDate);
	shiftDates(data.jobs, deltaMs);
	data.referenceDate = shiftIso(data.referenceDate, deltaMs);
	return data;
}

export const fsmNavigator: DemoProvider = {
	key: 'fsmNavigator',
	displayName: 'FSM Navigator',
	nodeTypes: [`${PACKAGE_NAME}.fsmNavigator`],
	credentialType: 'fsmNavigatorApi',
	credentialId: 'demoFsmNavigator',
	credentialName: 'FSM Navigator (demo simulator)',
	defaultPort: 5681,
	async start({ port, jobCount, now }): Promise<RunningSimulator> {
		const data = fsmDemoData(jobCount, now);
		const sim = new FsmNavigatorSimulator({ data });
		const apiUrl = await sim.start(port);
		const actualPort = Number(new URL(apiUrl).port);
		const pending = data.jobs.find((job) => job.job_status === 'Pending');
		return {
			apiUrl,
			port: actualPort,
			credentialData: { apiKey: FSM_DEFAULT_API_KEY, baseUrl: apiUrl },
			dataSummary:
				`${data.jobs.length} jobs over the last 90 days (${countBy(data.jobs, (job) => job.job_status)}), ` +
				`${data.technicians.length} technicians (ids ${data.technicians[0].technician_id}–` +
				`${data.technicians[data.technicians.length - 1].technician_id}), ${data.customers.length} customers, ` +
				`${data.locations.length} locations, ${data.assets.length} assets`,
			hints: [
				`curl -s -H 'X-API-Key: ${FSM_DEFAULT_API_KEY}' '${apiUrl}/jobs?status=Pending&per_page=3'`,
				...(pending ? [`a Pending job: ${pending.job_id} ("${pending.job_title}", ${pending.customer_name})`] : []),
			],
			requests: () => sim.requests,
			route: (req) => `${req.method} ${idFreePath(req.path)}`,
			stop: () => sim.stop(),
		};
	},
};
