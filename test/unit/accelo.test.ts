import { fieldsQuery } from '../../nodes/Accelo/actions/job/common';
import { buildJobQuery } from '../../nodes/Accelo/filters';
import { SIMPLIFY_FIELDS, simplifyJob } from '../../nodes/Accelo/simplify';
import { acceloApi } from '../../nodes/Accelo/provider';
import { InvalidInputError } from '../../nodes/shared/parameters';

describe('Accelo _filters encoder', () => {
	it('writes each filter as its documented term', () => {
		expect(
			buildJobQuery(
				{
					standing: ['pending', 'active'],
					statusIds: '1,2',
					managerIds: [10, '11'],
					typeIds: '3',
					againstType: 'company',
					againstIds: '1, 4',
					createdAfter: '2012-07-03T02:07:26Z',
					modifiedBefore: '2026-01-01T00:00:00+01:00',
					dueAfter: '2026-03-01T00:00:00Z',
					completedBefore: '2026-03-02T00:00:00Z',
					search: ' Logo ',
					rawFilters: ',standing_not(inactive),',
				},
				{ orderBy: 'date_modified', orderDirection: 'desc' },
				'UTC',
			),
		).toEqual({
			_filters:
				'standing(pending,active),status(1,2),manager(10,11),type(3),against(company(1,4)),' +
				'date_created_after(1341281246),date_modified_before(1767222000),date_due_after(1772323200),' +
				'date_completed_before(1772409600),order_by_desc(date_modified),standing_not(inactive)',
			_search: 'Logo',
		});
	});

	it('uses against_type or against_id when only one is given', () => {
		expect(buildJobQuery({ againstType: 'site' }, {}, 'UTC')).toEqual({ _filters: 'against_type(site)' });
		expect(buildJobQuery({ againstIds: '5,6' }, {}, 'UTC')).toEqual({ _filters: 'against_id(5,6)' });
	});

	it('reads offset-less dates in the workflow zone', () => {
		// 2026-07-01 09:00 in New York (EDT, -4) is 13:00Z = 1782910800.
		expect(buildJobQuery({ createdAfter: '2026-07-01T09:00:00' }, {}, 'America/New_York')).toEqual({
			_filters: 'date_created_after(1782910800)',
		});
	});

	it('sends nothing without filters', () => {
		expect(buildJobQuery({}, {}, 'UTC')).toEqual({});
	});

	it.each([
		[{ managerIds: '10),standing(active' }, 'Manager Names or IDs'],
		[{ statusIds: '1,2)' }, 'Status Names or IDs'],
		[{ againstIds: '4),site(5' }, 'Against IDs'],
		[{ standing: ['active),manager(1'] }, 'Standing'],
		[{ againstType: 'company(1)' }, 'Against Type'],
		[{ createdAfter: '1341281246),standing(active' }, 'Created After'],
	])('refuses %j, naming %s', (filters, label) => {
		expect(() => buildJobQuery(filters, {}, 'UTC')).toThrow(InvalidInputError);
		expect(() => buildJobQuery(filters, {}, 'UTC')).toThrow(label);
	});

	it('refuses an unknown order field', () => {
		expect(() => buildJobQuery({}, { orderBy: 'id),standing(active' }, 'UTC')).toThrow('Order By');
	});
});

describe('Accelo base URL', () => {
	it('puts the deployment into the default host', () => {
		expect(acceloApi.baseUrl({ baseUrl: 'https://{deployment}.api.accelo.com', deployment: 'Planet-Express' })).toBe(
			'https://planet-express.api.accelo.com/api/v0',
		);
	});

	it('uses an explicit base URL as it is, without a trailing slash', () => {
		expect(acceloApi.baseUrl({ baseUrl: 'http://127.0.0.1:8080/', deployment: 'x' })).toBe('http://127.0.0.1:8080/api/v0');
	});

	it('refuses a deployment that would change the host', () => {
		for (const deployment of ['', 'evil.com/x', 'a@b', 'planet express']) {
			expect(() => acceloApi.baseUrl({ baseUrl: 'https://{deployment}.api.accelo.com', deployment })).toThrow(
				"'Deployment'",
			);
		}
	});
});

describe('Accelo simplifyJob', () => {
	const base = { id: '7', title: 'Audit', standing: 'active', status: '2', date_created: '1700000000' };

	it("names the customer and the manager from the linked objects Simplify's _fields asks for", () => {
		const job = simplifyJob({
			...base,
			against_type: 'company',
			against_id: '39',
			company: { id: '39', name: 'Planet Express' },
			manager: { id: '4', firstname: 'Hubert', surname: 'Farnsworth' },
		});
		expect(job.customer).toEqual({ id: '39', name: 'Planet Express' });
		expect(job.assignees).toEqual([{ id: '4', name: 'Hubert Farnsworth' }]);
	});

	it("gives a job against a site its company from the breadcrumbs, and the site as the location", () => {
		const job = simplifyJob({
			...base,
			against_type: 'site',
			against_id: '3',
			manager: '4',
			breadcrumbs: [
				{ id: '3', table: 'site', title: 'Head office' },
				{ id: '39', table: 'company', title: 'Planet Express' },
			],
		});
		expect(job.customer).toEqual({ id: '39', name: 'Planet Express' });
		expect(job.location).toEqual({ id: '3', address: null });
		expect(job.assignees).toEqual([{ id: '4', name: null }]);
	});

	it('asks for those names in the same request only with Simplify on and Fields empty', () => {
		expect(fieldsQuery({ simplify: true })).toEqual({ _fields: SIMPLIFY_FIELDS });
		expect(fieldsQuery({})).toEqual({ _fields: '_ALL' });
		expect(fieldsQuery({ simplify: true, fields: 'title' })).toEqual({ _fields: 'title' });
	});
});
