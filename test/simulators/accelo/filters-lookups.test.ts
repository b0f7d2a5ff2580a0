/** Accelo simulator, read-only deployment: _filters and lookups. Setup: ./readOnlyDeployment.ts. */
import { AcceloSimulator } from '../../../tooling/simulators/accelo';
import { Obj, call, sortIds, idsOf } from './context';
import { expected, jobs, base, tok, get, listIds, expectFilter } from './readOnlyDeployment';

describe('AcceloSimulator (read-only deployment)', () => {
	describe('_filters', () => {
		it('standing, status, manager, type/job_type', async () => {
			await expectFilter('standing(active,paused)', jobs.filter((j) => j.standing === 'active' || j.standing === 'paused'));
			await expectFilter('status(3,6)', jobs.filter((j) => j.status_id === 3 || j.status_id === 6));
			await expectFilter('manager(10,13)', jobs.filter((j) => j.manager_id === 10 || j.manager_id === 13));
			await expectFilter('type(3)', jobs.filter((j) => j.job_type_id === 3));
			await expectFilter('job_type(2,4)', jobs.filter((j) => j.job_type_id === 2 || j.job_type_id === 4));
			await expectFilter('standing(pending),manager(7)', jobs.filter((j) => j.standing === 'pending' && j.manager_id === 7));
		});

		it('against_type, against_id and the nested against(...) object filter', async () => {
			await expectFilter('against_type(site)', jobs.filter((j) => j.against_type === 'site'));
			// Site 31 and company 31 both exist: against_id matches both, against(company(…)) only one.
			const both = jobs.filter((j) => j.against_id === 31 || j.against_id === 33);
			expect(new Set(both.map((j) => j.against_type)).size).toBe(2);
			await expectFilter('against_id(31,33)', both);
			await expectFilter(
				'against(company(31,33),site(4,5))',
				jobs.filter(
					(j) =>
						(j.against_type === 'company' && [31, 33].includes(j.against_id)) ||
						(j.against_type === 'site' && [4, 5].includes(j.against_id)),
				),
			);
			await expectFilter('against(site(31))', jobs.filter((j) => j.against_type === 'site' && j.against_id === 31));
		});

		it('_not suffix', async () => {
			await expectFilter('standing_not(inactive)', jobs.filter((j) => j.standing !== 'inactive'));
			await expectFilter('manager_not(7,10,11)', jobs.filter((j) => ![7, 10, 11].includes(j.manager_id)));
			await expectFilter('against_type_not(company)', jobs.filter((j) => j.against_type !== 'company'));
		});

		it('date_<type>_after / _before are strict for every documented type', async () => {
			const types = ['created', 'modified', 'started', 'commenced', 'due', 'completed'] as const;
			for (const t of types) {
				const key = `date_${t}` as const;
				const values = jobs.map((j) => j[key]).filter((v): v is number => v !== null);
				values.sort((a, b) => a - b);
				const pivot = values[Math.floor(values.length / 2)];
				await expectFilter(`${key}_after(${pivot})`, jobs.filter((j) => j[key] !== null && j[key]! > pivot));
				await expectFilter(`${key}_before(${pivot})`, jobs.filter((j) => j[key] !== null && j[key]! < pivot));
			}
		});

		it('date_created_after excludes the boundary second (shared by a batch)', async () => {
			const counts = new Map<number, number>();
			for (const j of jobs) counts.set(j.date_created, (counts.get(j.date_created) ?? 0) + 1);
			const shared = [...counts.entries()].find(([, c]) => c >= 2)![0];
			const after = await listIds(`date_created_after(${shared})`);
			const atBoundary = jobs.filter((j) => j.date_created === shared).map((j) => String(j.id));
			for (const id of atBoundary) expect(after).not.toContain(id);
			const fromBefore = await listIds(`date_created_after(${shared - 1})`);
			for (const id of atBoundary) expect(fromBefore).toContain(id);
			expect(fromBefore.length - after.length).toBe(atBoundary.length);
		});

		it('min_id / max_id (inclusive) and range terms', async () => {
			const lo = jobs[50].id;
			const hi = jobs[120].id;
			await expectFilter(`min_id(${lo}),max_id(${hi})`, jobs.filter((j) => j.id >= lo && j.id <= hi));
			await expectFilter(`id_greater_than(${lo})`, jobs.filter((j) => j.id > lo));
			await expectFilter(`id_less_than_or_equal(${lo})`, jobs.filter((j) => j.id <= lo));
			await expectFilter(`id_greater_than_or_equal(${hi}),id_less_than(${hi + 30})`, jobs.filter((j) => j.id >= hi && j.id < hi + 30));
			await expectFilter('manager_greater_than(11)', jobs.filter((j) => j.manager_id > 11));
			await expectFilter('rate_charged_greater_than(100)', jobs.filter((j) => Number(j.rate_charged) > 100));
		});

		it('only the last instance of a repeated term counts', async () => {
			await expectFilter('manager(7),manager(10)', jobs.filter((j) => j.manager_id === 10));
			await expectFilter('standing(active),manager(7),standing(pending)', jobs.filter((j) => j.standing === 'pending' && j.manager_id === 7));
		});

		it('a value that smuggles ")," really changes the query (injection realism)', async () => {
			const naive = `manager(${'7),standing(active'})`;
			await expectFilter(naive, jobs.filter((j) => j.manager_id === 7 && j.standing === 'active'));
		});

		it('_OR with one nested _AND', async () => {
			await expectFilter('_OR(standing(paused),manager(7))', jobs.filter((j) => j.standing === 'paused' || j.manager_id === 7));
			await expectFilter(
				'_OR(status(3),_AND(manager(10),standing(active)))',
				jobs.filter((j) => j.status_id === 3 || (j.manager_id === 10 && j.standing === 'active')),
			);
			const nested = await get('/jobs', { _filters: '_OR(status(3),_OR(status(4)))' });
			expect(nested.status).toBe(400);
		});

		it('order_by_asc / order_by_desc (default ascending id)', async () => {
			const r = await get<Obj[]>('/jobs', { _filters: 'order_by_desc(date_modified)', _limit: '100', _fields: 'date_modified' });
			const want = [...jobs].sort((a, b) => b.date_modified - a.date_modified || b.id - a.id).slice(0, 100);
			expect(r.body.response.map((j) => j.id)).toEqual(want.map((j) => String(j.id)));
			const asc = await get<Obj[]>('/jobs', { _filters: 'standing(active),order_by_asc(date_created)', _limit: '50' });
			const wantAsc = jobs
				.filter((j) => j.standing === 'active')
				.sort((a, b) => a.date_created - b.date_created || a.id - b.id)
				.slice(0, 50);
			expect(asc.body.response.map((j) => j.id)).toEqual(wantAsc.map((j) => String(j.id)));
			const bad = await get('/jobs', { _filters: 'order_by_asc(colour)' });
			expect(bad.status).toBe(400);
		});

		it('_search matches title case-insensitively', async () => {
			const r = await listIds('', { _search: 'hvac' });
			const want = jobs.filter((j) => j.title.toLowerCase().includes('hvac'));
			expect(want.length).toBeGreaterThan(0);
			expect(sortIds(r)).toEqual(idsOf(want));
			const c = await get<{ count: string }>('/jobs/count', { _search: 'HVAC' });
			expect(c.body.response.count).toBe(String(want.length));
		});

		it('rejects unparsable filters and unknown terms with a message naming them', async () => {
			const cases: Array<[string, string]> = [
				['standing(active', 'standing'],
				['frobnicate(1)', 'frobnicate'],
				['manager(abc)', 'abc'],
				['standing(busy)', 'busy'],
				['dated_created_after(1)', 'dated_created_after'],
				['date_created_after(soon)', 'soon'],
				['against(contact(1))', 'contact'],
				['manager_id(10)', 'manager_id'],
			];
			for (const [filters, named] of cases) {
				const r = await get('/jobs', { _filters: filters });
				expect(r.status).toBe(400);
				expect(r.body.meta.status).toBe('invalid_request');
				expect(r.body.meta.message).toContain(named);
			}
		});

		it('takes _filters as JSON (POST with _method=get), including object filters', async () => {
			const r = await call<Obj[]>(base, tok, 'POST', '/jobs', {
				query: { _method: 'get' },
				json: { _filters: { manager: [10, 11], against: [{ company: [31, 33] }] }, _limit: 100 },
			});
			expect(r.status).toBe(200);
			const want = jobs.filter(
				(j) => [10, 11].includes(j.manager_id) && j.against_type === 'company' && [31, 33].includes(j.against_id),
			);
			expect(want.length).toBeGreaterThan(0);
			expect(sortIds(r.body.response.map((j) => j.id as string))).toEqual(idsOf(want));
		});

		it('/jobs/recent and /jobs/newest sort newest first', async () => {
			const r = await get<Obj[]>('/jobs/newest', { _limit: '20', _filters: 'order_by_asc(id)' });
			const want = [...jobs].sort((a, b) => b.date_modified - a.date_modified || b.id - a.id).slice(0, 20);
			expect(r.body.response.map((j) => j.id)).toEqual(want.map((j) => String(j.id)));
		});
	});

	describe('lookups', () => {
		it('lists statuses with _fields and standing filters, gets one, misses one', async () => {
			const all = await get<Obj[]>('/jobs/statuses', { _fields: 'standing,start,color' });
			expect(all.body.response).toEqual(
				expected.statuses.map((s) => ({ id: String(s.id), title: s.title, standing: s.standing, start: s.start, color: s.color })),
			);
			const inactive = await get<Obj[]>('/jobs/statuses', { _filters: 'standing(inactive)' });
			expect(inactive.body.response.map((s) => s.id)).toEqual(
				expected.statuses.filter((s) => s.standing === 'inactive').map((s) => String(s.id)),
			);
			const paged = await get<Obj[]>('/jobs/statuses', { _limit: '2', _offset: '2' });
			expect(paged.body.response.map((s) => s.id)).toEqual(['3', '4']);
			const one = await get<Obj>('/jobs/statuses/3', { _fields: 'standing' });
			expect(one.body.response).toEqual({ id: '3', title: 'On Hold', standing: 'paused' });
			const missing = await get('/jobs/statuses/99');
			expect(missing.status).toBe(400);
		});

		it('lists job types (standing filter)', async () => {
			const r = await get<Obj[]>('/jobs/types', { _filters: 'standing(active)', _fields: 'standing' });
			expect(r.body.response).toEqual(
				expected.jobTypes.filter((t) => t.standing === 'active').map((t) => ({ id: String(t.id), title: t.title, standing: 'active' })),
			);
		});

		it('lists staff and companies', async () => {
			const staff = await get<Obj[]>('/staff', { _limit: '100' });
			expect(staff.body.response.map((s) => s.id)).toEqual(expected.staff.map((s) => String(s.id)));
			const companies = await get<Obj[]>('/companies', { _limit: '100', _search: "o'brien" });
			expect(companies.body.response).toEqual([{ id: String(expected.companies[3].id), name: "O'Brien & Sons Plumbing" }]);
		});
	});
});
