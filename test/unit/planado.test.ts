/** Pure parts of the Planado node: filter encoder, body builders, error reading, pacing. */
import { buildJobQuery } from '../../nodes/Planado/filters';
import { jobBody } from '../../nodes/Planado/actions/job/fields';
import { moveBody } from '../../nodes/Planado/actions/job/changeStatus.operation';
import { errorMessage } from '../../nodes/Planado/provider';
import { minimumPacedMs, pacingOf, reserveSlot } from '../../nodes/shared/pacing';
import { InvalidInputError } from '../../nodes/shared/parameters';
import { simplifyJob } from '../../nodes/Planado/simplify';

const U1 = '137eafeb-15d1-6480-022b-0ec4617ba21a';
const U2 = '4132ed05-3b6d-456c-b3ef-ee1cc6af1e90';

describe('buildJobQuery', () => {
	it('writes every filter in the nested form the transport turns into brackets', () => {
		expect(
			buildJobQuery(
				{
					status: ['posted', 'en_route'],
					assigneeWorkerUuid: U1,
					assigneeTeamUuid: U2,
					clientUuid: U1,
					clientExternalId: ' company1 ',
					siteUuid: U2,
					externalOrderId: 'order-1',
					initialJobUuid: U1,
					completionOfUuid: U2,
					scheduledAfter: '2026-01-01T00:00:00Z',
					scheduledBefore: '2026-01-02T00:00:00+01:00',
					updatedAfter: '2026-01-03T10:00:00',
					updatedBefore: '2026-01-04T00:00:00Z',
					resolutionFinished: `${U1}, ${U2}`,
					resolutionCanceled: [U2],
				},
				'Europe/Berlin',
			),
		).toEqual({
			status: ['posted', 'en_route'],
			assignee: { worker_uuid: U1, team_uuid: U2 },
			client: { uuid: U1, external_id: 'company1' },
			site_uuid: U2,
			external_order_id: 'order-1',
			initial_job_uuid: U1,
			completion_of_uuid: U2,
			scheduled_at: { after: '2026-01-01T00:00:00Z', before: '2026-01-01T23:00:00Z' },
			// No offset: wall-clock time in the workflow's zone (Berlin is UTC+1 in January).
			updated_at: { after: '2026-01-03T09:00:00Z', before: '2026-01-04T00:00:00Z' },
			resolution: { finished: [U1, U2], canceled: [U2] },
		});
	});

	it('leaves out empty filters and refuses bad values with the field name', () => {
		expect(buildJobQuery({ status: [], clientUuid: '', resolutionFinished: '' }, 'UTC')).toEqual({});
		expect(() => buildJobQuery({ status: ['done'] }, 'UTC')).toThrow("'Status' has an unsupported value");
		expect(() => buildJobQuery({ siteUuid: 'abc' }, 'UTC')).toThrow("'Site' is not a valid ID");
		expect(() => buildJobQuery({ resolutionCanceled: `${U1},x` }, 'UTC')).toThrow("'Resolution (Canceled) Names or IDs' contains an invalid ID");
		expect(() => buildJobQuery({ scheduledAfter: 'tomorrow' }, 'UTC')).toThrow("'Scheduled After' is not a valid date");
	});
});

describe('jobBody', () => {
	it('maps every field to the create body', () => {
		expect(
			jobBody(
				{
					template: 'Repair',
					jobType: U1,
					externalId: 'job-1',
					externalOrderId: 'order-1',
					description: 'Fix it',
					scheduledAt: '2026-03-02T09:00:00',
					scheduledDuration: 90,
					assigneeTeamUuid: U2,
					clientUuid: U1,
					siteUuid: U2,
					address: '1 Main St',
					territory: 'New York',
					skills: `Installation, ${U1}`,
					contacts: { contact: [{ name: 'Ann', value: '+1 555', type: 'phone' }] },
					customFields: { field: [{ field: 'Floor', value: '3' }, { field: U2, value: 'x' }] },
				},
				'America/New_York',
			),
		).toEqual({
			template: { name: 'Repair' },
			job_type: { uuid: U1 },
			external_id: 'job-1',
			external_order_id: 'order-1',
			description: 'Fix it',
			scheduled_at: '2026-03-02T14:00:00Z',
			scheduled_duration: { minutes: 90 },
			assignee: { team: { uuid: U2 } },
			client: { uuid: U1 },
			site: { uuid: U2 },
			address: { formatted: '1 Main St' },
			territory: { name: 'New York' },
			skills: [{ name: 'Installation' }, { uuid: U1 }],
			contacts: [{ name: 'Ann', value: '+1 555', type: 'phone' }],
			custom_fields: [
				{ name: 'Floor', value: '3' },
				{ uuid: U2, value: 'x' },
			],
		});
		expect(jobBody({ jobType: 'Repair', assigneeWorkerUuid: U1 }, 'UTC')).toEqual({
			job_type: { code: 'Repair' },
			assignee: { worker: { uuid: U1 } },
		});
	});

	it('refuses a worker and a team at once, and bad values', () => {
		expect(() => jobBody({ assigneeWorkerUuid: U1, assigneeTeamUuid: U2 }, 'UTC')).toThrow(InvalidInputError);
		expect(() => jobBody({ scheduledDuration: 1.5 }, 'UTC')).toThrow('Scheduled Duration');
		expect(() => jobBody({ externalId: 'x'.repeat(501) }, 'UTC')).toThrow('longer than 500');
		expect(() => jobBody({ clientUuid: 'c1' }, 'UTC')).toThrow("'Client' is not a valid ID");
	});
});

describe('moveBody', () => {
	it('schedules with time and assignee, unschedules by clearing both', () => {
		expect(moveBody('scheduled', { scheduledAt: '2026-03-02T09:00:00Z', assigneeType: 'team', assigneeUuid: U1, scheduledDuration: 45 }, 'UTC')).toEqual({
			scheduled_at: '2026-03-02T09:00:00Z',
			assignee: { team: { uuid: U1 } },
			scheduled_duration: { minutes: 45 },
		});
		expect(moveBody('posted', {}, 'UTC')).toEqual({ scheduled_at: null, assignee: null });
		expect(() => moveBody('scheduled', { scheduledAt: '', assigneeUuid: U1 }, 'UTC')).toThrow("'Scheduled At'");
	});
});

describe('errorMessage', () => {
	it('reads plain text, JSON messages with details, and lists of errors', () => {
		expect(errorMessage('Rate Limit Exceeded')).toBe('Rate Limit Exceeded');
		expect(errorMessage({ error: 'validation_failed', message: 'assignee is wrong', details: { assignee: 'is wrong' } })).toBe('assignee is wrong');
		expect(errorMessage({ message: 'Invalid', details: { scheduled_at: 'is bad' } })).toBe('Invalid (scheduled_at is bad)');
		expect(errorMessage({ errors: ['a', 'b'] })).toBe('a; b');
		expect(errorMessage({ errors: { client: ['does not exist'] } })).toBe('client does not exist');
		expect(errorMessage({ error: { message: 'Nope' } })).toBe('Nope');
		expect(errorMessage({})).toBeUndefined();
	});
});

describe('pacing', () => {
	const limit = { calls: 90, windowMs: 60_000 };

	it('lets 81 calls go at once, then one every 700 ms', () => {
		const state = new Map<string, number>();
		const waits = Array.from({ length: 84 }, () => reserveSlot('k', 0, limit, state));
		expect(waits.slice(0, 81).every((w) => w === 0)).toBe(true);
		expect(waits.slice(81).map((w) => Math.round(w))).toEqual([700, 1400, 2100]);
		// Another credential has its own schedule.
		expect(reserveSlot('other', 0, limit, state)).toBe(0);
		expect(pacingOf(limit)).toEqual({ burst: 81, intervalMs: 700 });
	});

	it("keeps Planado's leaky bucket (90, draining 1.5 a second) below its brim, and recovers when idle", () => {
		const state = new Map<string, number>();
		let now = 0;
		let level = 0;
		let last = 0;
		let highest = 0;
		for (let i = 0; i < 400; i++) {
			now += reserveSlot('k', now, limit, state);
			level = Math.max(0, level - ((now - last) * limit.calls) / limit.windowMs) + 1;
			last = now;
			highest = Math.max(highest, level);
		}
		// The server refuses a call that would take the level over 90.
		expect(highest).toBeLessThanOrEqual(81);
		expect(now).toBeCloseTo((400 - 81) * 700);
		expect(reserveSlot('k', now + 10 * 60_000, limit, state)).toBe(0);
	});

	it('computes the least time a run of requests takes', () => {
		expect(minimumPacedMs(12, limit)).toBe(0);
		expect(minimumPacedMs(108, limit)).toBeCloseTo(27 * 700);
	});
});

describe('simplifyJob', () => {
	it('maps a list item and a Get answer to the common shape, null where Planado has nothing', () => {
		const listItem = {
			uuid: U1,
			serial_no: 22469,
			status: 'en_route',
			description: 'Fix it',
			scheduled_at: '2019-11-20T06:25:00',
			scheduled_duration: { minutes: 60 },
			client_uuid: U2,
			site_uuid: null,
			assignee: { worker_uuid: U2 },
			created_at: '2016-05-29T17:31:01.419601Z',
			updated_at: '2016-06-07T10:57:19.529209Z',
		};
		expect(simplifyJob(listItem)).toEqual({
			provider: 'planado',
			id: U1,
			number: '22469',
			title: 'Fix it',
			description: 'Fix it',
			status: 'en_route',
			statusCategory: 'inProgress',
			customer: { id: U2, name: null },
			location: null,
			assignees: [{ id: U2, name: null }],
			scheduledStart: '2019-11-20T06:25:00Z',
			scheduledEnd: '2019-11-20T07:25:00Z',
			dueAt: null,
			createdAt: '2016-05-29T17:31:01.419Z',
			updatedAt: '2016-06-07T10:57:19.529Z',
			completedAt: null,
			amount: null,
			url: null,
		});
		const detail = {
			uuid: U1,
			serial_no: 5,
			status: 'finished',
			scheduled_at: '2019-11-20T06:25:00.000Z',
			scheduled_duration: null,
			client: { uuid: U2 },
			site: { uuid: U1 },
			address: { formatted: '1 Main St' },
			assignee: { team: { uuid: U2, name: 'Alpha' } },
			timestamps: { finished_at: '2019-11-20T08:00:00.000Z' },
			template: { uuid: U1, name: 'Network diagnostic' },
			type: { uuid: U2, code: 'Diagnostic' },
		};
		expect(simplifyJob(detail)).toMatchObject({
			title: 'Network diagnostic',
			statusCategory: 'completed',
			customer: { id: U2, name: null },
			location: { id: U1, address: '1 Main St' },
			assignees: [{ id: U2, name: 'Alpha' }],
			scheduledEnd: null,
			completedAt: '2019-11-20T08:00:00Z',
		});
	});

	it("titles a job by its description's first line, else its template's name, else its type's code", () => {
		const job = { uuid: U1, serial_no: 7, status: 'posted', template: { uuid: U1, name: 'Repair' }, type: { uuid: U2, code: 'Diagnostic' } };
		expect(simplifyJob({ ...job, description: '\n  Boiler leaks  \nCall first' }).title).toBe('Boiler leaks');
		expect(simplifyJob({ ...job, description: '   ' }).title).toBe('Repair');
		expect(simplifyJob({ ...job, template: null }).title).toBe('Diagnostic');
		expect(simplifyJob({ uuid: U1, serial_no: 7, status: 'posted', template_uuid: U2 }).title).toBeNull();
	});
});
