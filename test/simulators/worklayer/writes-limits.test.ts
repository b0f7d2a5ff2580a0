/** Worklayer simulator: POST /jobs (create); POST /jobs/{id}/submit; requested provider; reference lists and job sub-resources; permissions, rate limit, latency, faults; onList hook (changes between two page reads of one list); store access. Setup and helpers: ./context.ts. */
import {
	generateWorklayerData,
	WORKLAYER_STATUSES,
	type WorklayerJob,
	type WorklayerJobStatus,
} from '../../../tooling/simulators/worklayer';
import { REF, ListBody, ErrorBody, startSim, raw, getToken, api, f, micros, inOrder, listAll, makeJob, uuid } from './context';

describe('POST /jobs (create)', () => {
	it('creates an UNDER_CONSTRUCTION job for a client member from a template, stamped by the clock', async () => {
		const now = Date.parse('2026-03-02T10:11:12.345Z');
		const data = generateWorklayerData(5, 4);
		const sim = await startSim({ data, now: () => new Date(now) });
		const token = await getToken(sim);
		const owner = data.members.find((m) => m.type === 'CLIENT');
		const template = data.templates[1];
		if (!owner) throw new Error('no client');
		const r = await api<WorklayerJob>(sim, token, 'POST', '/jobs', { owner_user_id: owner.user_id, job_template_id: template.id });
		expect(r.status).toBe(200);
		expect(r.body).toEqual({
			id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
			short_id: expect.stringMatching(/^[A-Z0-9]{11}$/),
			name: template.name,
			description: `${owner.given_name} ${owner.family_name} | 2025 | ${template.form}`,
			workspace_id: '91',
			status: 'UNDER_CONSTRUCTION',
			create_time: '2026-03-02T10:11:12.345Z',
			update_time: '2026-03-02T10:11:12.345000Z',
			transmit_time: null,
			deadline_time: null,
			total_amount: template.price,
			members: [{ user_id: owner.user_id, given_name: owner.given_name, family_name: owner.family_name, role: 'CLIENT', type: 'CLIENT' }],
		});
		expect(sim.getJob(r.body.id)).toEqual(r.body);
		const list = await listAll(sim, token, '');
		expect(list.ids[list.ids.length - 1]).toBe(r.body.id);
	});

	it('validates the body', async () => {
		const data = generateWorklayerData(2, 4);
		const sim = await startSim({ data });
		const token = await getToken(sim);
		const client = data.members.find((m) => m.type === 'CLIENT')?.user_id ?? '';
		const admin = data.members.find((m) => m.type === 'ADMIN')?.user_id ?? '';
		const template = data.templates[0].id;
		const cases: unknown[] = [
			{ job_template_id: template },
			{ owner_user_id: client },
			{ owner_user_id: uuid(5), job_template_id: template },
			{ owner_user_id: admin, job_template_id: template },
			{ owner_user_id: client, job_template_id: uuid(6) },
			{ owner_user_id: client, job_template_id: template, name: 'x' },
			{ owner_user_id: 5, job_template_id: template },
			[client, template],
			'{not json',
		];
		for (const body of cases) {
			const r = await api<ErrorBody>(sim, token, 'POST', '/jobs', body);
			expect([body, r.status, r.body.error]).toEqual([body, 400, 'BadRequest']);
		}
		const form = await raw<ErrorBody>(`${sim.baseUrl}/jobs`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' }, body: `owner_user_id=${client}&job_template_id=${template}` });
		expect(form.status).toBe(400);
		expect(sim.jobs.size).toBe(2);
	});
});

describe('POST /jobs/{id}/submit', () => {
	it('moves UNDER_CONSTRUCTION to UNCLAIMED, sets transmit_time and a newer update_time', async () => {
		const now = Date.parse('2026-03-05T00:00:00.000Z');
		const sim = await startSim({ jobs: [makeJob(uuid(1), { status: 'UNDER_CONSTRUCTION' })], now: () => new Date(now) });
		const token = await getToken(sim);
		const r = await api<WorklayerJob>(sim, token, 'POST', `/jobs/${uuid(1)}/submit`);
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ id: uuid(1), status: 'UNCLAIMED', transmit_time: '2026-03-05T00:00:00.000Z', update_time: '2026-03-05T00:00:00.000000Z' });
		expect(sim.getJob(uuid(1))?.status).toBe('UNCLAIMED');
		const again = await api<ErrorBody>(sim, token, 'POST', `/jobs/${uuid(1)}/submit`);
		expect(again).toMatchObject({ status: 400, body: { error: 'BadRequest', message: expect.stringContaining('UNCLAIMED') } });
	});

	it('refuses every other status and leaves the job alone', async () => {
		const others = WORKLAYER_STATUSES.filter((s) => s !== 'UNDER_CONSTRUCTION');
		const jobs = others.map((status, i) => makeJob(uuid(i + 1), { status }));
		const sim = await startSim({ jobs });
		const token = await getToken(sim);
		for (const [i, status] of others.entries()) {
			const r = await api<ErrorBody>(sim, token, 'POST', `/jobs/${uuid(i + 1)}/submit`);
			expect([status, r.status, r.body.error]).toEqual([status, 400, 'BadRequest']);
			expect(r.body.message).toContain(status);
			expect(sim.getJob(uuid(i + 1))).toEqual(jobs[i]);
		}
		expect(await api(sim, token, 'POST', `/jobs/${uuid(99)}/submit`)).toMatchObject({ status: 404, body: { error: 'NotFound' } });
		expect(await api(sim, token, 'GET', `/jobs/${uuid(1)}/submit`)).toMatchObject({ status: 404 });
	});

	it('keeps update_time strictly increasing for writes within one millisecond', async () => {
		const now = Date.parse('2026-03-05T00:00:00.000Z');
		const data = generateWorklayerData(3, 9);
		const sim = await startSim({ data, now: () => new Date(now) });
		const token = await getToken(sim);
		const owner = data.members.find((m) => m.type === 'CLIENT')?.user_id;
		const a = await api<WorklayerJob>(sim, token, 'POST', '/jobs', { owner_user_id: owner, job_template_id: data.templates[0].id });
		const b = await api<WorklayerJob>(sim, token, 'POST', `/jobs/${a.body.id}/submit`);
		expect(a.body.update_time).toBe('2026-03-05T00:00:00.000000Z');
		expect(b.body.update_time).toBe('2026-03-05T00:00:00.000001Z');
	});
});

describe('requested provider', () => {
	it('sets the requested Pro on a draft only, and request-previous picks the owner\'s latest Pro', async () => {
		const data = generateWorklayerData(2, 1);
		const [proA, proB] = data.pros;
		const client = { user_id: 'client-1', given_name: 'C', family_name: 'One', role: 'CLIENT' as const, type: 'CLIENT' as const };
		const asChampion = (p: typeof proA): WorklayerJob['members'][number] => ({ user_id: p.user_id, given_name: p.given_name, family_name: p.family_name, role: 'CHAMPION', type: 'PROVIDER' });
		const jobs = [
			makeJob(uuid(1), { status: 'CLOSED', create_time: '2025-01-01T00:00:00.000Z', members: [client, asChampion(proA)] }),
			makeJob(uuid(2), { status: 'CLOSED', create_time: '2025-06-01T00:00:00.000Z', members: [client, asChampion(proB)] }),
			makeJob(uuid(3), { status: 'UNDER_CONSTRUCTION', create_time: '2026-01-01T00:00:00.000Z', members: [client] }),
			makeJob(uuid(4), { status: 'UNDER_CONSTRUCTION', members: [{ ...client, user_id: 'client-2' }] }),
		];
		const sim = await startSim({ data, jobs });
		const token = await getToken(sim);
		const set = await api<WorklayerJob>(sim, token, 'POST', `/jobs/${uuid(3)}/requested-provider`, { requested_provider_id: proA.user_id });
		expect(set.status).toBe(200);
		expect(set.body.id).toBe(uuid(3));
		expect(sim.requestedProviderOf(uuid(3))).toBe(proA.user_id);
		expect(micros(set.body.update_time)).toBeGreaterThan(micros(jobs[2].update_time));

		const prev = await api(sim, token, 'POST', `/jobs/${uuid(3)}/requested-provider/request-previous`);
		expect(prev.status).toBe(200);
		expect(sim.requestedProviderOf(uuid(3))).toBe(proB.user_id);

		expect(await api(sim, token, 'POST', `/jobs/${uuid(4)}/requested-provider/request-previous`)).toMatchObject({ status: 400, body: { error: 'BadRequest' } });
		expect(await api(sim, token, 'POST', `/jobs/${uuid(1)}/requested-provider`, { requested_provider_id: proA.user_id })).toMatchObject({ status: 400, body: { error: 'BadRequest' } });
		expect(await api(sim, token, 'POST', `/jobs/${uuid(3)}/requested-provider`, { requested_provider_id: 'nobody' })).toMatchObject({ status: 400 });
		expect(await api(sim, token, 'POST', `/jobs/${uuid(3)}/requested-provider`, { provider_id: proA.user_id })).toMatchObject({ status: 400 });
		expect(sim.requestedProviderOf(uuid(4))).toBeUndefined();
	});
});

describe('reference lists and job sub-resources', () => {
	it('lists members, job templates and service packages with paging', async () => {
		const data = generateWorklayerData(2, 6);
		const sim = await startSim({ data });
		const token = await getToken(sim);
		const byId = <T>(items: T[], key: (t: T) => string): string[] => items.map(key).sort();
		const members: string[] = [];
		let pageToken = '';
		for (let i = 0; i < 20; i++) {
			const r = await api<ListBody<{ user_id: string; type: string }>>(sim, token, 'GET', `/members?page_size=10${pageToken ? `&page_token=${encodeURIComponent(pageToken)}` : ''}`);
			expect(r.status).toBe(200);
			members.push(...r.body.data.map((m) => m.user_id));
			pageToken = r.body.next_page_token ?? '';
			if (!pageToken) break;
		}
		expect(members).toEqual(byId(data.members, (m) => m.user_id));
		expect(data.members.filter((m) => m.type === 'MACHINE')).toHaveLength(1);
		const templates = await api<ListBody<{ id: string; name: string }>>(sim, token, 'GET', '/job-templates');
		expect(templates.body.data.map((t) => t.id)).toEqual(byId(data.templates, (t) => t.id));
		expect(templates.body.next_page_token).toBe('');
		expect(await api(sim, token, 'GET', `/job-templates/${data.templates[2].id}`)).toMatchObject({ status: 200, body: data.templates[2] });
		expect(await api(sim, token, 'GET', `/job-templates/${uuid(1)}`)).toMatchObject({ status: 404 });
		const packages = await api<ListBody<{ id: string }>>(sim, token, 'GET', '/service-packages');
		expect(packages.body.data.map((p) => p.id)).toEqual(byId(data.servicePackages, (p) => p.id));
		expect(await api(sim, token, 'GET', `/service-packages/${data.servicePackages[0].id}`)).toMatchObject({ status: 200, body: data.servicePackages[0] });
		expect(await api(sim, token, 'GET', `/members?${f('type = CLIENT')}`)).toMatchObject({ status: 400, body: { error: 'BadRequest' } });
	});

	it('serves documents, checklist and job_link', async () => {
		const data = generateWorklayerData(60, 8);
		const sim = await startSim({ data });
		const token = await getToken(sim);
		const [jobId, docs] = [...data.documents][0];
		const r = await api<ListBody<{ id: string }>>(sim, token, 'GET', `/jobs/${jobId}/documents`);
		expect(r.body.data.map((d) => d.id).sort()).toEqual(docs.map((d) => d.id).sort());
		const checklist = await api<{ sections: Array<{ requested_supporting_items: Array<{ completed: boolean; input: { document: { document_type_id: string } } }> }> }>(sim, token, 'GET', `/jobs/${jobId}/checklist`);
		const types = new Set(docs.map((d) => d.document_type?.id));
		for (const item of checklist.body.sections[0].requested_supporting_items) expect(item.completed).toBe(types.has(item.input.document.document_type_id));
		const link = await api<{ url: string; expire_time: string }>(sim, token, 'POST', `/jobs/${jobId}/job_link`);
		expect(link.status).toBe(200);
		expect(link.body.url).toMatch(/^https:\/\//);
	});

	it('answers the questionnaire and service package questions on drafts only', async () => {
		const data = generateWorklayerData(2, 8);
		const sim = await startSim({ data });
		const token = await getToken(sim);
		const owner = data.members.find((m) => m.type === 'CLIENT')?.user_id;
		const personal = data.templates.find((t) => t.form === '1040');
		if (!personal) throw new Error('no 1040 template');
		const created = await api<WorklayerJob>(sim, token, 'POST', '/jobs', { owner_user_id: owner, job_template_id: personal.id });
		const id = created.body.id;
		const q = await api<{ complete: boolean; questions: Array<{ id: string; answer: unknown }> }>(sim, token, 'GET', `/jobs/${id}/questionnaire`);
		expect(q.body.complete).toBe(false);
		expect(q.body.questions.map((x) => x.id)).toEqual(expect.arrayContaining(['FILING_STATUS', 'DEPENDENTS', 'HAS_W2', 'STATE_COUNT']));
		expect(await api(sim, token, 'PUT', `/jobs/${id}/questionnaire/answers`, { answers: { DEPENDENTS: 'two' } })).toMatchObject({ status: 400 });
		expect(await api(sim, token, 'PUT', `/jobs/${id}/questionnaire/answers`, { answers: { FILING_STATUS: 'MARRIED' } })).toMatchObject({ status: 400 });
		const answered = await api<{ complete: boolean }>(sim, token, 'PUT', `/jobs/${id}/questionnaire/answers`, { answers: { FILING_STATUS: 'MFJ', DEPENDENTS: 2, HAS_W2: true, STATE_COUNT: 1 } });
		expect(answered.body.complete).toBe(true);

		const tier1 = data.servicePackages.find((p) => p.name === '1040 Tier 1');
		const business = data.servicePackages.find((p) => p.type === 'BUSINESS');
		if (!tier1 || !business) throw new Error('packages');
		const partial = await api<WorklayerJob & { ready_to_submit: boolean }>(sim, token, 'PUT', `/jobs/${id}/answers`, [{ service_package_id: tier1.id, answers: { FILING_STATUS: 'SINGLE' } }]);
		expect(partial).toMatchObject({ status: 200, body: { id, ready_to_submit: false } });
		const full = await api<WorklayerJob & { ready_to_submit: boolean }>(sim, token, 'PUT', `/jobs/${id}/answers`, [{ service_package_id: tier1.id, answers: { FILING_STATUS: 'SINGLE', DEPENDENTS: 0, HAS_W2: false } }]);
		expect(full.body.ready_to_submit).toBe(true);
		expect(await api(sim, token, 'PUT', `/jobs/${id}/answers`, [{ service_package_id: business.id, answers: {} }])).toMatchObject({ status: 400 });
		expect((await api(sim, token, 'POST', `/jobs/${id}/submit`)).status).toBe(200);
		expect(await api(sim, token, 'PUT', `/jobs/${id}/answers`, [{ service_package_id: tier1.id, answers: {} }])).toMatchObject({ status: 400 });
		expect(await api(sim, token, 'PUT', `/jobs/${id}/questionnaire/answers`, { answers: {} })).toMatchObject({ status: 400 });
	});
});

describe('permissions, rate limit, latency, faults', () => {
	it('answers 403 Forbidden when the machine member lacks a permission', async () => {
		const data = generateWorklayerData(2, 1);
		const sim = await startSim({ data, deniedPermissions: ['jobs.list', 'jobs.write'] });
		const token = await getToken(sim);
		expect(await api(sim, token, 'GET', '/jobs')).toEqual(expect.objectContaining({ status: 403, body: { error: 'Forbidden', message: 'API Client cannot list workspace jobs' } }));
		expect(await api(sim, token, 'POST', `/jobs/${data.jobs[0].id}/submit`)).toMatchObject({ status: 403, body: { error: 'Forbidden' } });
		expect((await api(sim, token, 'GET', `/jobs/${data.jobs[0].id}`)).status).toBe(200);
	});

	it('answers 429 with Retry-After above a rolling-window limit, per client', async () => {
		let now = REF;
		const sim = await startSim({ jobCount: 2, rateLimit: { limit: 3, windowMs: 10_000 }, now: () => new Date(now) });
		const token = await getToken(sim);
		for (let i = 0; i < 3; i++) {
			expect((await api(sim, token, 'GET', '/jobs')).status).toBe(200);
			now += 1_000;
		}
		const limited = await api<ErrorBody>(sim, token, 'GET', '/jobs');
		expect(limited.status).toBe(429);
		expect(limited.body.error).toBe('TooManyRequests');
		expect(limited.headers.get('retry-after')).toBe('7');
		now += 6_999;
		expect((await api(sim, token, 'GET', '/jobs')).status).toBe(429);
		now += 1;
		expect((await api(sim, token, 'GET', '/jobs')).status).toBe(200);
		// The token endpoint is Auth0's and not limited here.
		expect(await getToken(sim)).toBeTruthy();
	});

	it('is effectively unlimited by default', async () => {
		const sim = await startSim({ jobCount: 1 });
		const token = await getToken(sim);
		const replies = await Promise.all(Array.from({ length: 60 }, () => api(sim, token, 'GET', '/jobs')));
		expect(replies.every((r) => r.status === 200)).toBe(true);
	});

	it('waits latencyMs before every answer', async () => {
		const sim = await startSim({ jobCount: 1, latencyMs: 150 });
		let started = Date.now();
		const token = await getToken(sim);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		started = Date.now();
		await api(sim, token, 'GET', '/jobs');
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		const fast = await startSim({ jobCount: 1 });
		started = Date.now();
		await getToken(fast);
		expect(Date.now() - started).toBeLessThan(140);
	});

	it('exposes the shared server for fault injection and the request log', async () => {
		const sim = await startSim({ jobCount: 1 });
		const token = await getToken(sim);
		sim.server.injectFault({ method: 'GET', path: '/v1.0/jobs' }, { status: 503, body: { error: 'Unavailable' } }, 1);
		expect((await api(sim, token, 'GET', '/jobs')).status).toBe(503);
		expect((await api(sim, token, 'GET', `/jobs?${f('status = "CLAIMED"')}`)).status).toBe(200);
		const last = sim.apiRequests[sim.apiRequests.length - 1];
		expect(last.query.filter).toBe('status = "CLAIMED"');
		expect(last.rawUrl).toContain('status%20%3D%20%22CLAIMED%22');
	});
});

describe('onList hook (changes between two page reads of one list)', () => {
	it('sees inserts after the cursor, not deletes or inserts behind it, and reports page indexes', async () => {
		const jobs = Array.from({ length: 10 }, (_, i) => makeJob(uuid(i + 1), { create_time: `2026-01-${String(i + 1).padStart(2, '0')}T00:00:00.000Z` }));
		const seen: number[] = [];
		const sim = await startSim({
			jobs,
			onList: ({ pageIndex }) => {
				seen.push(pageIndex);
				if (pageIndex !== 1) return;
				sim.deleteJob(uuid(5)); // on page 2: disappears
				sim.deleteJob(uuid(2)); // already read on page 1: no shift
				sim.putJob(makeJob(uuid(50), { create_time: '2026-02-01T00:00:00.000Z' })); // after the cursor: seen
				sim.putJob(makeJob(uuid(51), { create_time: '2025-12-01T00:00:00.000Z' })); // behind the cursor: not seen
				const seven = sim.getJob(uuid(7));
				if (seven) sim.putJob({ ...seven, status: 'CLAIMED' });
			},
		});
		const token = await getToken(sim);
		const pages: WorklayerJob[][] = [];
		let pageToken = '';
		for (;;) {
			const r = await api<ListBody>(sim, token, 'GET', `/jobs?page_size=3${pageToken ? `&page_token=${encodeURIComponent(pageToken)}` : ''}`);
			pages.push(r.body.data);
			pageToken = r.body.next_page_token ?? '';
			if (!pageToken) break;
		}
		expect(seen).toEqual([0, 1, 2, 3]);
		expect(pages.map((p) => p.map((j) => j.id))).toEqual([
			[uuid(1), uuid(2), uuid(3)],
			[uuid(4), uuid(6), uuid(7)],
			[uuid(8), uuid(9), uuid(10)],
			[uuid(50)],
		]);
		expect(pages[1][2].status).toBe('CLAIMED');
		expect(sim.listJobs().map((j) => j.id)).toEqual([uuid(51), uuid(1), uuid(3), uuid(4), uuid(6), uuid(7), uuid(8), uuid(9), uuid(10), uuid(50)]);
	});

	it('can be set after construction and may be async', async () => {
		const sim = await startSim({ jobs: [makeJob(uuid(1)), makeJob(uuid(2), { create_time: '2026-01-02T00:00:00.000Z' })] });
		const token = await getToken(sim);
		sim.onList = async ({ pageIndex }) => {
			await new Promise((resolve) => setTimeout(resolve, 5));
			if (pageIndex === 1) sim.deleteJob(uuid(2));
		};
		const first = await api<ListBody>(sim, token, 'GET', '/jobs?page_size=1');
		const second = await api<ListBody>(sim, token, 'GET', `/jobs?page_size=1&page_token=${encodeURIComponent(first.body.next_page_token ?? '')}`);
		expect(second.body).toEqual({ data: [], next_page_token: '' });
	});
});

describe('store access', () => {
	it('gets, puts, deletes and lists jobs in API order', async () => {
		const data = generateWorklayerData(8, 12);
		const sim = await startSim({ data });
		expect(sim.listJobs().map((j) => j.id)).toEqual(inOrder(data.jobs));
		const job = data.jobs[3];
		expect(sim.getJob(job.id)).toEqual(job);
		expect(sim.getJob(job.id)).not.toBe(job); // copied from the data
		expect(sim.getJobByShortId(job.short_id)?.id).toBe(job.id);
		expect(sim.deleteJob(job.id)).toBe(true);
		expect(sim.getJob(job.id)).toBeUndefined();
		const status: WorklayerJobStatus = 'INFO_GATHERING';
		sim.putJob(makeJob(uuid(3), { status, create_time: '2000-01-01T00:00:00.000Z' }));
		expect(sim.listJobs()[0].id).toBe(uuid(3));
		const token = await getToken(sim);
		expect((await api<ListBody>(sim, token, 'GET', '/jobs?page_size=1')).body.data[0]).toMatchObject({ id: uuid(3), status });
	});
});
