import { jobLabel, newestFirst } from '../../nodes/shared/listSearch';

describe('job picker labels', () => {
	it('show number, status and the whole first line of the title, in that order', () => {
		const title = 'Replace the compressor of the walk-in cooler in the basement kitchen, then test the alarm';
		expect(jobLabel(1012, `${title}\nsecond line`, 'In Progress')).toBe(`#1012 (In Progress) ${title}`);
		expect(jobLabel('7GRK4ERKFLL', '  Tony   Stark | 2021 ', 'CLAIMED')).toBe('#7GRK4ERKFLL (CLAIMED) Tony Stark | 2021');
		expect(jobLabel(undefined, null, undefined)).toBe('#? (no title)');
	});
});

describe('newestFirst', () => {
	it('orders by creation time, newest first, then by id (numeric), highest first', () => {
		const jobs = [
			{ id: '9', at: 100 },
			{ id: '10', at: 100 },
			{ id: '3', at: 300 },
			{ id: '1', at: undefined },
		];
		const sorted = newestFirst(jobs, (job) => job.at as number | undefined, (job) => job.id as string);
		expect(sorted.map((job) => job.id)).toEqual(['3', '10', '9', '1']);
	});
});
