import { buildListQuery } from '../../nodes/FsmNavigator/filters';
import { jobBody } from '../../nodes/FsmNavigator/actions/job/fields';
import { checkTransition } from '../../nodes/FsmNavigator/statuses';
import { JOB_STATUSES, type JobStatus } from '../../nodes/FsmNavigator/statuses';
import { InvalidInputError } from '../../nodes/shared/parameters';

// The vendor's table (https://fsmnavigator.com/docs/api/endpoints/, "Status transitions"), typed in again here on purpose.
const documented: Record<string, string[]> = {
	Pending: ['Assigned', 'Cancelled'],
	Assigned: ['In Progress', 'Pending', 'Cancelled', 'On Hold'],
	'In Progress': ['Completed', 'Assigned', 'On Hold', 'Cancelled'],
	'On Hold': ['In Progress', 'Assigned', 'Cancelled'],
	Completed: ['Invoiced'],
	Invoiced: ['Paid'],
	Paid: ['Closed'],
	Cancelled: [],
	Closed: [],
};

describe('FSM Navigator status transitions', () => {
	it('has exactly the nine documented statuses', () => {
		expect([...JOB_STATUSES].sort()).toEqual(Object.keys(documented).sort());
	});

	it.each(Object.keys(documented))('from %s allows exactly the documented targets', (from) => {
		for (const to of JOB_STATUSES) {
			if (to === from) continue;
			const check = checkTransition(from, to as JobStatus);
			expect({ to, allowed: check.allowed }).toEqual({ to, allowed: documented[from].includes(to) });
		}
	});

	it('names the current status and the allowed targets when a move is refused', () => {
		const check = checkTransition('Pending', 'Completed');
		expect(check.allowed).toBe(false);
		if (check.allowed) return;
		expect(check.message).toContain("'Pending'");
		expect(check.message).toContain("'Assigned'");
		expect(check.message).toContain("'Cancelled'");
		expect(check.message).not.toContain("'On Hold'");
	});

	it('says a final status is final', () => {
		const check = checkTransition('Closed', 'Pending');
		expect(check).toMatchObject({ allowed: false });
		if (!check.allowed) expect(check.message).toMatch(/final/);
	});

	it('treats the same status as unchanged, and leaves unknown statuses to the API', () => {
		expect(checkTransition('Assigned', 'Assigned')).toEqual({ allowed: true, unchanged: true });
		expect(checkTransition('In-Transit', 'Completed')).toEqual({ allowed: true, unchanged: false });
	});
});

describe('FSM Navigator list query', () => {
	it('maps every filter to its wire name and converts dates to UTC', () => {
		expect(
			buildListQuery(
				{
					status: 'In Progress',
					priority: 'High',
					assignedTechnicianId: '45',
					customerLocationId: ' 87 ',
					createdAfter: '2026-01-15T12:00:00',
					createdBefore: '2026-02-01T00:00:00+01:00',
				},
				'America/New_York',
			),
		).toEqual({
			status: 'In Progress',
			priority: 'High',
			assigned_technician_id: '45',
			customer_location_id: '87',
			created_after: '2026-01-15T17:00:00Z',
			created_before: '2026-01-31T23:00:00Z',
		});
	});

	it('sends nothing for no filters', () => {
		expect(buildListQuery({}, 'UTC')).toEqual({});
	});

	it.each([
		[{ status: 'Done' }, 'Status'],
		[{ priority: 'urgent' }, 'Priority'],
		[{ assignedTechnicianId: '45; drop' }, "'Assigned Technician'"],
		[{ customerLocationId: 'abc' }, 'Customer Location ID'],
		[{ createdAfter: 'last week' }, 'Created After'],
	])('refuses %j naming %s', (filters, label) => {
		expect(() => buildListQuery(filters, 'UTC')).toThrow(InvalidInputError);
		expect(() => buildListQuery(filters, 'UTC')).toThrow(label);
	});
});

describe('FSM Navigator job body', () => {
	it('writes create fields with the API names and types', () => {
		expect(
			jobBody(
				{
					jobDescription: 'Noisy compressor',
					jobPriority: 'Urgent',
					assignedTechnicianId: '45',
					scheduledStart: '2026-02-25T09:00:00Z',
					assetIds: '42, 67',
					assetRelationshipType: 'replaced',
				},
				'UTC',
				false,
			),
		).toEqual({
			job_description: 'Noisy compressor',
			job_priority: 'Urgent',
			assigned_technician_id: 45,
			scheduled_start: '2026-02-25T09:00:00Z',
			asset_ids: [42, 67],
			asset_relationship_type: 'replaced',
		});
	});

	it('clears asset links on update with an empty list, but sends none on create', () => {
		expect(jobBody({ assetIds: '' }, 'UTC', true)).toEqual({ asset_ids: [] });
		expect(jobBody({ assetIds: [] }, 'UTC', true)).toEqual({ asset_ids: [] });
		expect(jobBody({ assetIds: '' }, 'UTC', false)).toEqual({});
	});

	it('clears the technician and the schedule with null when asked, and refuses setting and clearing one field', () => {
		expect(jobBody({ clearFields: ['assigned_technician_id', 'scheduled_end'] }, 'UTC', true)).toEqual({
			assigned_technician_id: null,
			scheduled_end: null,
		});
		expect(() => jobBody({ clearFields: ['scheduled_start'], scheduledStart: '2026-03-01T10:00:00Z' }, 'UTC', true)).toThrow(
			"'Scheduled From' is both set and cleared",
		);
		expect(() => jobBody({ clearFields: ['job_title'] }, 'UTC', true)).toThrow("'Clear Fields' has an unsupported value");
	});

	it('refuses a blank title on update and a bad asset id', () => {
		expect(() => jobBody({ jobTitle: '  ' }, 'UTC', true)).toThrow("'Job Title' is required");
		expect(() => jobBody({ assetIds: '42,x' }, 'UTC', true)).toThrow('Asset IDs');
	});
});
