/** Accelo node: record pickers; sandbox example workflow. Setup and helpers: ./context.ts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeParameters } from 'n8n-workflow';
import { Accelo } from '../../../nodes/Accelo/Accelo.node';
import { TYPE, sim, harness, run, listRequests } from './context';

describe('record pickers', () => {
	const apiPath = (path: string) => sim.apiRequests.filter((r) => r.path === `/api/v0${path}`);

	it('companies: by name, Accelo searches; next page by offset; empty; API error; a site is given by ID', async () => {
		const before = sim.data.companies.length;
		for (let i = 0; i < 110; i++) sim.data.companies.push({ id: 5000 + i, name: `Zeta Holdings ${i}`, website: null, phone: null, standing: 'active', date_created: 1_700_000_000 });
		try {
			const byName = [...sim.data.companies].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id - b.id);
			const first = await harness.listSearch({ type: TYPE, method: 'searchCompanies' });
			expect(first.results.map((r) => r.value)).toEqual(byName.slice(0, 100).map((c) => String(c.id)));
			expect(first.paginationToken).toBe('100');
			const second = await harness.listSearch({ type: TYPE, method: 'searchCompanies', paginationToken: first.paginationToken });
			expect(second.results.map((r) => r.value)).toEqual(byName.slice(100).map((c) => String(c.id)));
			expect(second.paginationToken).toBeUndefined();
			sim.server.clearLog();
			const target = sim.data.companies[2];
			const found = await harness.listSearch({ type: TYPE, method: 'searchCompanies', filter: target.name });
			expect(found.results.map((r) => r.value)).toContain(String(target.id));
			expect(apiPath('/companies')[0].query._search).toBe(target.name);
			expect((await harness.listSearch({ type: TYPE, method: 'searchCompanies', filter: 'no company by this name' })).results).toEqual([]);
		} finally {
			sim.data.companies.splice(before);
		}
		await expect(harness.listSearch({ type: TYPE, method: 'searchCompanies', parameters: { operation: 'create', againstType: 'site' } })).rejects.toThrow('give a site by its ID');
		sim.server.injectFault({ method: 'GET', path: '/api/v0/companies' }, { status: 500, body: { meta: { status: 'error', message: 'companies are down' } } }, 10);
		await expect(harness.listSearch({ type: TYPE, method: 'searchCompanies' })).rejects.toThrow();
	});

	it('staff: active staff by name with their email, searched here; the Manager multi-select', async () => {
		const active = sim.data.staff.filter((s) => s.standing === 'active');
		const list = await harness.listSearch({ type: TYPE, method: 'searchStaff' });
		expect(list.results.map((r) => r.value).sort()).toEqual(active.map((s) => String(s.id)).sort());
		const someone = active[1];
		expect(list.results.find((r) => r.value === String(someone.id))?.name).toBe(`${someone.firstname} ${someone.surname} (${someone.email})`);
		const found = await harness.listSearch({ type: TYPE, method: 'searchStaff', filter: someone.email.toUpperCase() });
		expect(found.results.map((r) => r.value)).toEqual([String(someone.id)]);
		expect(apiPath('/staff').every((r) => r.query._search === undefined)).toBe(true);
		expect((await harness.listSearch({ type: TYPE, method: 'searchStaff', filter: 'nobody at all' })).results).toEqual([]);
		const options = await harness.loadOptions({ type: TYPE, method: 'getStaff' });
		expect(options.map((o) => o.value).sort()).toEqual(active.map((s) => String(s.id)).sort());
	});

	it('affiliations: contact and company names, Accelo searches; next page by offset; follows a company as Against; empty; API error', async () => {
		const lists = sim.pickerLists();
		const before = lists.affiliations.length;
		const company = sim.data.companies[1];
		for (let i = 0; i < 100; i++) {
			lists.affiliations.push({ id: 6000 + i, firstname: 'Zed', surname: `Extra${i}`, email: `zed${i}@example.com`, position: 'Advisor', company_id: company.id, standing: 'active' });
		}
		try {
			const first = await harness.listSearch({ type: TYPE, method: 'searchAffiliations' });
			expect(first.results).toHaveLength(100);
			expect(first.paginationToken).toBe('100');
			const someone = lists.affiliations[0];
			const companyOf = (id: number) => sim.data.companies.find((c) => c.id === id)?.name;
			expect(first.results.find((r) => r.value === String(someone.id))?.name).toBe(`${someone.firstname} ${someone.surname}, ${companyOf(someone.company_id)} (${someone.position})`);
			const second = await harness.listSearch({ type: TYPE, method: 'searchAffiliations', paginationToken: first.paginationToken });
			expect(second.results.length).toBe(lists.affiliations.length - 100);
			expect(second.paginationToken).toBeUndefined();
			sim.server.clearLog();
			const found = await harness.listSearch({ type: TYPE, method: 'searchAffiliations', filter: 'Extra42' });
			expect(found.results.map((r) => r.value)).toEqual(['6042']);
			expect(apiPath('/affiliations')[0].query._search).toBe('Extra42');
			for (const parameters of [
				{ operation: 'create', againstType: 'company', againstId: { __rl: true, mode: 'list', value: String(company.id) } },
				{ operation: 'update', updateFields: { engagementId: String(company.id) } },
			]) {
				const theirs = await harness.listSearch({ type: TYPE, method: 'searchAffiliations', parameters });
				const expected = lists.affiliations.filter((a) => a.company_id === company.id).map((a) => String(a.id));
				expect(theirs.results.map((r) => r.value).sort()).toEqual(expected.slice(0, 100).sort());
			}
			const site = await harness.listSearch({ type: TYPE, method: 'searchAffiliations', parameters: { operation: 'create', againstType: 'site', againstId: '1' } });
			expect(site.results).toHaveLength(100);
			expect((await harness.listSearch({ type: TYPE, method: 'searchAffiliations', filter: 'nobody by this name' })).results).toEqual([]);
		} finally {
			lists.affiliations.splice(before);
		}
		sim.server.injectFault({ method: 'GET', path: '/api/v0/affiliations' }, { status: 500, body: { meta: { status: 'error', message: 'affiliations are down' } } }, 10);
		await expect(harness.listSearch({ type: TYPE, method: 'searchAffiliations' })).rejects.toThrow();
	});

	it('contracts by title, Accelo searches; next page by offset; empty; API error', async () => {
		const lists = sim.pickerLists();
		const before = lists.contracts.length;
		for (let i = 0; i < 100; i++) lists.contracts.push({ id: 700 + i, title: `Zulu contract ${i}`, standing: 'active', against_type: 'company', against_id: sim.data.companies[0].id });
		try {
			const byTitle = [...lists.contracts].sort((a, b) => a.title.toLowerCase().localeCompare(b.title.toLowerCase()) || a.id - b.id);
			const first = await harness.listSearch({ type: TYPE, method: 'searchContracts' });
			expect(first.results.map((r) => r.value)).toEqual(byTitle.slice(0, 100).map((c) => String(c.id)));
			const closed = lists.contracts.find((c) => c.standing !== 'active');
			if (closed) expect(first.results.find((r) => r.value === String(closed.id))?.name).toBe(`${closed.title} (${closed.standing})`);
			const second = await harness.listSearch({ type: TYPE, method: 'searchContracts', paginationToken: first.paginationToken });
			expect(second.results.map((r) => r.value)).toEqual(byTitle.slice(100).map((c) => String(c.id)));
			sim.server.clearLog();
			const target = lists.contracts[1];
			const found = await harness.listSearch({ type: TYPE, method: 'searchContracts', filter: target.title });
			expect(found.results.map((r) => r.value)).toEqual([String(target.id)]);
			expect(apiPath('/contracts')[0].query._search).toBe(target.title);
			expect((await harness.listSearch({ type: TYPE, method: 'searchContracts', filter: 'no such contract' })).results).toEqual([]);
		} finally {
			lists.contracts.splice(before);
		}
		sim.server.injectFault({ method: 'GET', path: '/api/v0/contracts' }, { status: 500, body: { meta: { status: 'error', message: 'contracts are down' } } }, 10);
		await expect(harness.listSearch({ type: TYPE, method: 'searchContracts' })).rejects.toThrow();
	});

	it('rates with their charge, searched here across pages; empty; API error', async () => {
		const before = sim.data.rates.length;
		for (let i = 0; i < 100; i++) sim.data.rates.push({ id: 800 + i, title: `Overtime ${i}`, charged: '99.00' });
		try {
			const first = await harness.listSearch({ type: TYPE, method: 'searchRates' });
			expect(first.results.map((r) => r.value)).toEqual(sim.data.rates.slice(0, 100).map((r) => String(r.id)));
			const rate = sim.data.rates[0];
			expect(first.results[0].name).toBe(`${rate.title} (${rate.charged}/h)`);
			const second = await harness.listSearch({ type: TYPE, method: 'searchRates', paginationToken: first.paginationToken });
			expect(second.results.map((r) => r.value)).toEqual(sim.data.rates.slice(100).map((r) => String(r.id)));
			sim.server.clearLog();
			// The last rate is on the second page: the search reads on.
			const found = await harness.listSearch({ type: TYPE, method: 'searchRates', filter: 'overtime 99' });
			expect(found.results.map((r) => r.value)).toEqual(['899']);
			expect(apiPath('/rates').every((r) => r.query._search === undefined)).toBe(true);
			expect((await harness.listSearch({ type: TYPE, method: 'searchRates', filter: 'no such rate' })).results).toEqual([]);
		} finally {
			sim.data.rates.splice(before);
		}
		sim.server.injectFault({ method: 'GET', path: '/api/v0/rates' }, { status: 500, body: { meta: { status: 'error', message: 'rates are down' } } }, 10);
		await expect(harness.listSearch({ type: TYPE, method: 'searchRates' })).rejects.toThrow();
	});

	it('Create sends a picked affiliation, contract and rate, and the plain IDs that older workflows saved', async () => {
		const company = sim.data.companies[0];
		const [affiliation, contract, rate] = [sim.pickerLists().affiliations[0], sim.pickerLists().contracts[0], sim.data.rates[0]];
		for (const pick of [(v: number) => ({ __rl: true, mode: 'list', value: String(v) }), (v: number) => String(v)]) {
			sim.server.clearLog();
			const created = await harness.runNode({
				type: TYPE,
				parameters: {
					resource: 'job',
					operation: 'create',
					title: 'Picked records',
					againstType: 'company',
					againstId: String(company.id),
					managerId: String(sim.data.staff[0].id),
					typeId: String(sim.data.jobTypes[0].id),
					additionalFields: { affiliationId: pick(affiliation.id), contractId: pick(contract.id), rateId: pick(rate.id) },
				},
			});
			expect(created.status).toBe('success');
			const post = sim.apiRequests.find((r) => r.method === 'POST' && r.path === '/api/v0/jobs');
			expect(post?.body).toMatchObject({ affiliation_id: String(affiliation.id), contract_id: String(contract.id), rate_id: String(rate.id) });
		}
	});

	it('Create and the filters take picked records and the plain IDs that older workflows saved', async () => {
		const company = sim.data.companies[0];
		const manager = sim.data.staff.find((s) => s.standing === 'active') as (typeof sim.data.staff)[number];
		const typeId = String(sim.data.jobTypes.find((t) => t.standing === 'active')?.id);
		for (const pick of [(v: number) => ({ __rl: true, mode: 'list', value: String(v) }), (v: number) => String(v)]) {
			sim.server.clearLog();
			const created = await run({ operation: 'create', title: 'Picker job', againstType: 'company', againstId: pick(company.id), managerId: pick(manager.id), typeId });
			expect(created.status).toBe('success');
			expect(sim.apiRequests.find((r) => r.method === 'POST')?.body).toMatchObject({ engagement_id: String(company.id), manager_id: String(manager.id) });
		}
		for (const managerIds of [String(manager.id), [String(manager.id)]]) {
			sim.server.clearLog();
			const listed = await run({ operation: 'getAll', limit: 1, filters: { managerIds } });
			expect(listed.status).toBe('success');
			expect(listRequests()[0].query._filters).toContain(`manager(${manager.id})`);
		}
	});
});

describe('sandbox example workflow', () => {
	it('copy-fsm-navigator-to-accelo.json: its Create node, with company, manager and rate picked From List, runs as saved', async () => {
		const file = join(__dirname, '../../../scripts/demo/workflows/copy-fsm-navigator-to-accelo.json');
		const workflow = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Array<{ name: string; parameters: INodeParameters }> };
		const parameters = workflow.nodes.find((n) => n.name === 'Create in Accelo')?.parameters as INodeParameters;
		expect(parameters.againstId).toMatchObject({ __rl: true, mode: 'list', value: '45' });
		const rate = sim.data.rates.find((r) => r.id === 1);
		expect((parameters.additionalFields as INodeParameters).rateId).toEqual({ __rl: true, mode: 'list', value: '1', cachedResultName: `${rate?.title} (${rate?.charged}/h)` });
		const result = await harness.runNode({ type: TYPE, parameters, input: [{ json: { id: 7, title: 'Boiler service', scheduledStart: '2026-03-02T09:00:00Z' } }] });
		expect(result.status).toBe('success');
		expect(sim.apiRequests.find((r) => r.method === 'POST')?.body).toMatchObject({ engagement_table: 'company', engagement_id: '45', manager_id: '10', rate_id: '1' });
	});
});
