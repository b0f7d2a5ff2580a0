import { HousecallProApi } from '../../credentials/HousecallProApi.credentials';
import { createBody, scheduleBody, updateSteps } from '../../nodes/HousecallPro/actions/job/fields';
import { RESPONSE_WORDS, buildJobQuery } from '../../nodes/HousecallPro/filters';
import { WORK_STATUS_FILTERS } from '../../nodes/HousecallPro/statuses';
import { hcpErrorMessage } from '../../nodes/HousecallPro/provider';
import { InvalidInputError } from '../../nodes/shared/parameters';

describe('Housecall Pro filter encoder', () => {
	it('writes arrays as arrays (sent as name[]=), dates as UTC with Z', () => {
		expect(
			buildJobQuery(
				{
					customerId: 'cus_1',
					employeeIds: 'pro_1, pro_2',
					franchiseeIds: ['fra_1'],
					locationIds: 'cmp_1',
					scheduledStartMin: '2026-03-01T09:00:00+05:30',
					scheduledStartMax: '2026-03-02T00:00:00Z',
					scheduledEndMin: '2026-03-01',
					scheduledEndMax: '2026-03-03T10:00:00',
					workStatus: ['in_progress', 'completed'],
				},
				{ expand: ['appointments'], sortBy: 'updated_at', sortDirection: 'asc' },
				'America/Chicago',
			),
		).toEqual({
			customer_id: 'cus_1',
			employee_ids: ['pro_1', 'pro_2'],
			franchisee_ids: ['fra_1'],
			location_ids: ['cmp_1'],
			scheduled_start_min: '2026-03-01T03:30:00Z',
			scheduled_start_max: '2026-03-02T00:00:00Z',
			// No offset: wall-clock time in the workflow's zone (Chicago is UTC-6 in March before DST).
			scheduled_end_min: '2026-03-01T06:00:00Z',
			scheduled_end_max: '2026-03-03T16:00:00Z',
			work_status: ['in_progress', 'completed'],
			expand: ['appointments'],
			sort_by: 'updated_at',
			sort_direction: 'asc',
		});
	});

	it('Return All without a chosen sort reads oldest first; a chosen sort is kept', () => {
		expect(buildJobQuery({}, {}, 'UTC', true)).toEqual({ sort_by: 'created_at', sort_direction: 'asc' });
		expect(buildJobQuery({}, {}, 'UTC', false)).toEqual({});
		expect(buildJobQuery({}, { sortDirection: 'desc' }, 'UTC', true)).toEqual({ sort_direction: 'desc' });
	});

	it('offers exactly the filter words of the docs, each mapped to its response words', () => {
		expect([...WORK_STATUS_FILTERS]).toEqual(['unscheduled', 'scheduled', 'in_progress', 'completed', 'canceled']);
		expect(RESPONSE_WORDS.completed).toEqual(['complete unrated', 'complete rated']);
	});

	it.each([
		[{ customerId: 'cus_1,cus_2' }, {}, "'Customer' takes one ID"],
		[{ employeeIds: 'pro_1, pro 2' }, {}, "'Employee Names or IDs' contains an invalid ID"],
		[{ workStatus: ['in progress'] }, {}, "'Work Status' has an unsupported value"],
		[{ scheduledStartMin: 'soon' }, {}, "'Scheduled Start Min' is not a valid date"],
		[{}, { sortBy: 'name' }, "'Sort By' has an unsupported value"],
		[{}, { expand: ['notes'] }, "'Expand' has an unsupported value"],
	])('refuses %j %j', (filters, options, message) => {
		expect(() => buildJobQuery(filters, options, 'UTC')).toThrow(InvalidInputError);
		expect(() => buildJobQuery(filters, options, 'UTC')).toThrow(message);
	});
});

describe('Housecall Pro error messages', () => {
	it.each([
		[{ message: 'Unauthorized' }, 'Unauthorized'],
		[{ error: { message: 'job not found' } }, 'job not found'],
		[{ error: 'Pipeline status not found' }, 'Pipeline status not found'],
		[{ errors: { address_id: ['is missing'], customer_id: ['is missing', 'is invalid'] } }, 'address_id is missing; customer_id is missing, is invalid'],
		[{ message: 'page_size must be a positive integer', page_size: ['must be a positive integer'] }, 'page_size must be a positive integer'],
		[{ quantity: ['must be a number'] }, 'quantity must be a number'],
		[{ error: 'invalid_grant', error_description: 'Token expired' }, 'Token expired (invalid_grant)'],
		[{}, undefined],
		['<html>Bad gateway</html>', '<html>Bad gateway</html>'],
	])('%j → %s', (body, message) => {
		expect(hcpErrorMessage(body)).toBe(message);
	});
});

describe('Housecall Pro bodies', () => {
	it('create: the required ids and every additional field, in the API names', () => {
		expect(
			createBody(
				'cus_1',
				'adr_1',
				{
					scheduledStart: '2026-03-05T09:00:00',
					scheduledEnd: '2026-03-05T11:00:00',
					arrivalWindow: 30,
					assignedEmployeeIds: 'pro_1,pro_2',
					tags: 'VIP, , Follow up',
					leadSource: 'Google',
					notes: 'Ring twice',
					invoiceNumber: 5001,
					jobTypeId: 'jbt_1',
					businessUnitId: 'bu_1',
					lineItems: { lineItem: [{ name: 'Labor', unitPrice: 12500.4, quantity: 1.5, kind: 'labor', taxable: false }] },
				},
				'Asia/Kolkata',
			),
		).toEqual({
			customer_id: 'cus_1',
			address_id: 'adr_1',
			schedule: { scheduled_start: '2026-03-05T03:30:00Z', scheduled_end: '2026-03-05T05:30:00Z', arrival_window: 30 },
			assigned_employee_ids: ['pro_1', 'pro_2'],
			tags: ['VIP', 'Follow up'],
			lead_source: 'Google',
			notes: 'Ring twice',
			invoice_number: 5001,
			job_fields: { job_type_id: 'jbt_1', business_unit_id: 'bu_1' },
			line_items: [{ name: 'Labor', unit_price: 12500, quantity: 1.5, kind: 'labor', taxable: false }],
		});
	});

	it.each([
		[{ scheduledEnd: '2026-03-05T11:00:00Z' }, "'Scheduled End' needs 'Scheduled Start'"],
		[{ scheduledStart: '2026-03-05T11:00:00Z', scheduledEnd: '2026-03-05T10:00:00Z' }, "'Scheduled End' is before 'Scheduled Start'"],
		[{ arrivalWindow: 60 }, "'Arrival Window (Minutes)' needs 'Scheduled Start'"],
		[{ invoiceNumber: 1.5 }, "'Invoice Number' must be a whole number"],
		[{ lineItems: { lineItem: [{ name: '' }] } }, "'Line Items 1: Name' is required"],
		[{ lineItems: { lineItem: [{ name: 'x', kind: 'gift' }] } }, "'Line Items 1: Kind' has an unsupported value"],
	])('create refuses %j', (fields, message) => {
		expect(() => createBody('cus_1', 'adr_1', fields, 'UTC')).toThrow(message);
	});

	it('schedule: start required, arrival window in minutes under its schedule-endpoint name', () => {
		expect(scheduleBody({ scheduledStart: '2026-03-05T09:00:00Z', arrivalWindow: 0 }, 'UTC')).toEqual({
			start_time: '2026-03-05T09:00:00Z',
			arrival_window_in_minutes: 0,
		});
		expect(() => scheduleBody({ scheduledEnd: '2026-03-05T09:00:00Z' }, 'UTC')).toThrow("'Scheduled End' needs 'Scheduled Start'");
		expect(() => scheduleBody({ arrivalWindow: 10 }, 'UTC')).toThrow("'Scheduled Start' is required");
		expect(() => scheduleBody({ scheduledStart: '2026-03-05T09:00:00Z', arrivalWindow: -5 }, 'UTC')).toThrow('whole number of minutes');
	});

	it('update: one step per endpoint in a fixed order, whatever the order of the fields', () => {
		const steps = updateSteps((sub) => `/jobs/job_1${sub}`, {
			tags: ['tag_1', 'tag_2'],
			notes: 'Hello',
			dispatchedEmployeeIds: 'pro_1',
			scheduledStart: '2026-03-05T09:00:00Z',
		}, 'UTC');
		expect(steps.map((s) => [s.method, s.path, s.body, s.applicationKey])).toEqual([
			['PUT', '/jobs/job_1/schedule', { start_time: '2026-03-05T09:00:00Z' }, true],
			['PUT', '/jobs/job_1/dispatch', { dispatched_employees: [{ employee_id: 'pro_1' }] }, true],
			['POST', '/jobs/job_1/notes', { content: 'Hello' }, false],
			['POST', '/jobs/job_1/tags', { tag_id: 'tag_1' }, false],
			['POST', '/jobs/job_1/tags', { tag_id: 'tag_2' }, false],
		]);
		expect(() => updateSteps((sub) => sub, { dispatchedEmployeeIds: '' }, 'UTC')).toThrow("'Dispatched Employee Names or IDs' is empty");
		expect(() => updateSteps((sub) => sub, { notes: '  ' }, 'UTC')).toThrow("'Notes' is required");
	});
});

describe('Housecall Pro credential', () => {
	const credential = new HousecallProApi();
	it('sends Token <key>, and X-Company-Id only when filled in', async () => {
		const plain = await credential.authenticate({ apiKey: 'k1', companyId: '' }, { url: '/jobs', headers: { Accept: 'application/json' } });
		expect(plain.headers).toEqual({ Accept: 'application/json', Authorization: 'Token k1' });
		const withCompany = await credential.authenticate({ apiKey: 'k1', companyId: ' cmp_9 ' }, { url: '/jobs' });
		expect(withCompany.headers).toEqual({ Authorization: 'Token k1', 'X-Company-Id': 'cmp_9' });
	});
});
