/** Housecall Pro simulator: rate limit, latency, faults, paging hook. Setup and helpers: ./context.ts. */
import { APP_KEY, T0, JobList, call, ids, craft, CRAFTED, craftedSim, byDefault } from './context';

describe('Housecall Pro simulator: rate limit, latency, faults, paging hook', () => {
	test('rolling-window 429 {"message"}; Retry-After only with the option; the window rolls', async () => {
		let clock = T0;
		const sim = craftedSim({ rateLimit: { limit: 3, windowMs: 10_000, retryAfter: true }, now: () => new Date(clock) });
		const plain = craftedSim({ rateLimit: { limit: 1, windowMs: 10_000 }, now: () => new Date(clock) });
		const base = await sim.start();
		const base2 = await plain.start();
		try {
			for (let i = 0; i < 3; i++) {
				expect((await call(base, 'GET', '/jobs')).status).toBe(200);
				clock += 1_000;
			}
			const limited = await call(base, 'GET', '/jobs');
			expect(limited.status).toBe(429);
			expect(limited.body).toEqual({ message: 'Too Many Requests' });
			expect(limited.headers.get('retry-after')).toBe('7');
			// The other key has its own window.
			expect((await call(base, 'GET', '/jobs', { key: APP_KEY })).status).toBe(200);
			clock += 7_000;
			expect((await call(base, 'GET', '/jobs')).status).toBe(200);

			expect((await call(base2, 'GET', '/jobs')).status).toBe(200);
			const r = await call(base2, 'GET', '/jobs');
			expect(r.status).toBe(429);
			expect(r.headers.get('retry-after')).toBeNull();
		} finally {
			await sim.stop();
			await plain.stop();
		}
	});

	test('no rate limit by default', async () => {
		const sim = craftedSim();
		const base = await sim.start();
		try {
			const replies = await Promise.all(Array.from({ length: 60 }, () => call(base, 'GET', '/jobs?page_size=1')));
			expect(replies.every((r) => r.status === 200)).toBe(true);
		} finally {
			await sim.stop();
		}
	});

	test('latencyMs delays every answer', async () => {
		const sim = craftedSim({ latencyMs: 150 });
		const base = await sim.start();
		try {
			for (const path of ['/jobs', '/jobs/job_missing']) {
				const started = Date.now();
				await call(base, 'GET', path);
				expect(Date.now() - started).toBeGreaterThanOrEqual(140);
			}
		} finally {
			await sim.stop();
		}
	});

	test('server faults (shared SimulatorServer) come before the API', async () => {
		const sim = craftedSim();
		const base = await sim.start();
		try {
			sim.server.injectFault({ method: 'GET', path: '/jobs' }, { status: 503, body: { message: 'down' } }, 1);
			expect(await call(base, 'GET', '/jobs', { key: null })).toMatchObject({ status: 503, body: { message: 'down' } });
			expect((await call(base, 'GET', '/jobs')).status).toBe(200);
		} finally {
			await sim.stop();
		}
	});

	test('onList runs before each page: a job inserted between pages shifts the next page; a delete shrinks totals', async () => {
		const pages: number[] = [];
		const sim = craftedSim();
		const inserted = craft({ n: 99, status: 'needs scheduling', created: '2026-03-09T00:00:00.000Z', invoice: 5000, description: 'New', customer: 'cus_9' });
		sim.onList = (page) => {
			pages.push(page);
			if (page === 2) sim.putJob(inserted);
		};
		const base = await sim.start();
		try {
			const order = byDefault(CRAFTED);
			const p1 = await call<JobList>(base, 'GET', '/jobs?page=1&page_size=5');
			expect(ids(p1.body)).toEqual(order.slice(0, 5));
			const p2 = await call<JobList>(base, 'GET', '/jobs?page=2&page_size=5');
			// The new newest job pushes every job down by one: page 2 starts with page 1's last job.
			expect(ids(p2.body)).toEqual([order[4], ...order.slice(5, 9)]);
			expect(p2.body.total_items).toBe(13);
			expect(pages).toEqual([1, 2]);

			sim.onList = (page) => {
				if (page === 2) sim.deleteJob(order[0]);
			};
			await call<JobList>(base, 'GET', '/jobs?page=1&page_size=5');
			const after = await call<JobList>(base, 'GET', '/jobs?page=2&page_size=5');
			expect(after.body.total_items).toBe(12);
			expect(ids(after.body)).toEqual(order.slice(5, 10));
			expect(sim.listJobs().map((j) => j.id)).toEqual([inserted.id, ...order.slice(1)]);
		} finally {
			await sim.stop();
		}
	});
});
