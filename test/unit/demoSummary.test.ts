import { describeJob } from '../../scripts/demo/summary';

describe("the headless sandbox's one-line job", () => {
	it('shows the number people quote, the title and the status, for every provider', () => {
		expect(describeJob({ uuid: '137eafeb-15d1-6480-022b-0ec4617ba21a', serial_no: 22469, description: 'x', status: 'posted' })).toBe('job #22469 (posted)');
		expect(describeJob({ id: 'a9749189-c82b-488b-a448-8f74c3d254e0', short_id: '7GRK4ERKFLL', name: 'Personal Return', status: 'CLAIMED' })).toBe(
			'job #7GRK4ERKFLL "Personal Return" (CLAIMED)',
		);
		expect(describeJob({ job_id: 1398, job_title: 'Leaking water heater', job_status: 'Assigned' })).toBe('job 1398 "Leaking water heater" (Assigned)');
		expect(describeJob({ id: '42', title: 'Audit', status: '2', standing: 'active' })).toBe('job 42 "Audit" (status 2, active)');
		// A job in the common shape (Simplify) shows its number too.
		expect(describeJob({ provider: 'planado', id: '137eafeb-15d1-6480-022b-0ec4617ba21a', number: '22469', title: 'Repair', status: 'posted' })).toBe(
			'job #22469 "Repair" (posted)',
		);
	});
});
