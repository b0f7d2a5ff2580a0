/**
 * The trigger's status memory (Job Status Changed): linear in the jobs of a poll, least recently
 * seen jobs forgotten first. The poll engine runs here with an in-memory provider, so the time is
 * the engine's own (the simulator-backed runs are in test/nodes/triggers.test.ts).
 */
import type { IDataObject, INode, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { pollJobs } from '../../nodes/shared/poll';
import { MAX_REMEMBERED_STATUSES } from '../../nodes/shared/pollState';
import type { JobProvider } from '../../nodes/shared/provider';
import { StatusMemory } from '../../nodes/shared/statusMemory';

interface FakeJob extends IDataObject {
	id: string;
	status: string;
	created: number;
}

function fakeProvider(jobs: () => FakeJob[]): JobProvider {
	return {
		api: { name: 'Fake', credentialType: 'fake', baseUrl: () => 'http://fake', errorMessage: () => undefined },
		maxPageSize: 100,
		jobId: (job) => String(job.id),
		createdAt: (job) => Number(job.created),
		updatedAt: (job) => Number(job.created),
		status: (job) => String(job.status),
		unwrapJob: (body) => body as IDataObject,
		changes: { createdSince: (query) => ({ query, oldestFirst: false }) },
		request: async () => ({}),
		getJob: async () => ({}),
		readBack: async () => ({}),
		listAll: async () => [],
		listPage: async () => ({ items: [], body: {} }),
		listJobs: async () => {
			const items = jobs();
			return { items, pages: Math.ceil(items.length / 100), stopReason: 'end' };
		},
	};
}

function pollContext(parameters: IDataObject, staticData: IDataObject, globalStaticData: IDataObject = {}): IPollFunctions {
	const node = { name: 'Fake Trigger', type: 'fake', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
	const context = {
		getNode: () => node,
		getMode: () => 'trigger',
		getActivationMode: () => 'activate',
		getTimezone: () => 'UTC',
		getNodeParameter: (name: string, fallback: unknown) => parameters[name] ?? fallback,
		getWorkflow: () => ({ id: 'status-memory', active: true }),
		getWorkflowStaticData: (type: string) => (type === 'node' ? staticData : globalStaticData),
		helpers: { returnJsonArray: (items: IDataObject[]) => items.map((json) => ({ json })) },
	};
	return context as unknown as IPollFunctions;
}

const statusChanged = { event: 'jobStatusChanged', options: { createdWithinDays: 0 } };

describe('StatusMemory', () => {
	it('forgets the least recently seen jobs first', () => {
		const memory = new StatusMemory({ c: 'a', a: 'b', b: 'c' });
		memory.remember('c', 'd');
		memory.remember('z', null);
		expect(Object.entries(memory.toStored(3))).toEqual([
			['b', 'c'],
			['c', 'd'],
			['z', null],
		]);
		expect(memory.get('a')).toBe('b');
		expect(memory.get('y')).toBeUndefined();
		expect(memory.has('z')).toBe(true);
	});

	it('keeps the jobs seen last when ids are integers, which an object would order by value', () => {
		const memory = new StatusMemory({ '10': 'a', '20': 'b', '30': 'c' });
		memory.remember('10', 'd');
		memory.remember('5', 'e');
		expect(memory.toStored(2)).toEqual({ '10': 'd', '5': 'e' });
	});
});

describe('status memory in the poll engine', () => {
	const JOBS = 60_000;
	const jobs: FakeJob[] = Array.from({ length: JOBS }, (_, i) => ({ id: `job-${i}`, status: i % 3 ? 'open' : 'done', created: 1_000_000 + i }));

	it(`learns ${JOBS.toLocaleString('en-US')} statuses on first activation in linear time, keeping the ${MAX_REMEMBERED_STATUSES.toLocaleString('en-US')} seen last`, async () => {
		const staticData: IDataObject = {};
		const started = performance.now();
		const result = await pollJobs.call(pollContext(statusChanged, staticData), { provider: fakeProvider(() => jobs), buildQuery: () => ({}) });
		const elapsedMs = performance.now() - started;
		expect(result).toBeNull();
		const stored = staticData.statuses as IDataObject;
		const kept = jobs.slice(JOBS - MAX_REMEMBERED_STATUSES);
		expect(Object.keys(stored)).toEqual(kept.map((job) => job.id));
		expect(Object.values(stored)).toEqual(kept.map((job) => job.status));
		// Quadratic (each job re-reading every stored key) took 30 s and more here; linear takes under 3 s on a loaded 2-core machine.
		expect(elapsedMs).toBeLessThan(15_000);
	});

	it('a later poll reports a change of a remembered job and keeps the memory at its limit', async () => {
		const staticData: IDataObject = {};
		const globalStaticData: IDataObject = {};
		let current = jobs;
		const trigger = { provider: fakeProvider(() => current), buildQuery: () => ({}) };
		await pollJobs.call(pollContext(statusChanged, staticData, globalStaticData), trigger);
		const cursor = staticData.cursor as number;
		const changed = { ...jobs[JOBS - 1], status: 'moved', created: cursor + 1 };
		const fresh = { id: 'job-new', status: 'open', created: cursor + 2 };
		current = [changed, fresh];
		const result = (await pollJobs.call(pollContext(statusChanged, staticData, globalStaticData), trigger)) as INodeExecutionData[][];
		expect(result[0].map((item) => item.json.statusChange)).toEqual([{ from: jobs[JOBS - 1].status, to: 'moved' }]);
		const stored = staticData.statuses as IDataObject;
		expect(Object.keys(stored)).toHaveLength(MAX_REMEMBERED_STATUSES);
		expect(Object.keys(stored).slice(-2)).toEqual([changed.id, fresh.id]);
		expect(stored[changed.id]).toBe('moved');
	});
});
