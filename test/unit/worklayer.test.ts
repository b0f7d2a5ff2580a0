import { andTerms, buildJobQuery, hasOr, quote, wireQueries, withTerm } from '../../nodes/Worklayer/filters';
import { jobPath, provider, timeMs, unwrapJob, worklayerApi } from '../../nodes/Worklayer/provider';
import { simplifyJob } from '../../nodes/Worklayer/simplify';
import { InvalidInputError } from '../../nodes/shared/parameters';

const USER = 'e2ce134d-76f2-4a77-9d6c-906665d3ee54';

describe('Worklayer filter encoder', () => {
	it('writes each filter as a quoted, inclusive term joined with AND', () => {
		expect(
			buildJobQuery(
				{
					memberUserId: ` ${USER} `,
					createdAfter: '2026-01-01T00:00:00Z',
					createdBefore: '2026-02-01T00:00:00.250Z',
					transmittedAfter: '2026-01-02T00:00:00+01:00',
					transmittedBefore: '2026-01-03T00:00:00Z',
					deadlineAfter: '2026-04-01T17:00:00Z',
					deadlineBefore: '2026-04-15T17:00:00Z',
					rawFilter: ' deadline_time != "2026-04-10T17:00:00Z" ',
				},
				'UTC',
			),
		).toEqual({
			filter:
				`members.user_id:"${USER}" AND create_time >= "2026-01-01T00:00:00Z" AND create_time <= "2026-02-01T00:00:00.250Z" AND ` +
				'transmit_time >= "2026-01-01T23:00:00Z" AND transmit_time <= "2026-01-03T00:00:00Z" AND ' +
				'deadline_time >= "2026-04-01T17:00:00Z" AND deadline_time <= "2026-04-15T17:00:00Z" AND deadline_time != "2026-04-10T17:00:00Z"',
		});
	});

	it('reads offset-less dates in the workflow zone', () => {
		// 09:00 in Kolkata (+05:30) is 03:30Z.
		expect(buildJobQuery({ createdAfter: '2026-07-01T09:00:00' }, 'Asia/Kolkata')).toEqual({
			filter: 'create_time >= "2026-07-01T03:30:00Z"',
		});
	});

	it('keeps statuses apart from the expression, once each, in lifecycle order', () => {
		expect(buildJobQuery({ status: ['CLOSED', 'UNDER_CONSTRUCTION', 'CLOSED'] }, 'UTC')).toEqual({
			statuses: ['UNDER_CONSTRUCTION', 'CLOSED'],
		});
		expect(buildJobQuery({}, 'UTC')).toEqual({});
	});

	it('refuses a value the quoting cannot carry, naming the field', () => {
		for (const value of [`x" OR status != "Y`, 'a\\b', 'line\nbreak']) {
			expect(() => buildJobQuery({ memberUserId: value }, 'UTC')).toThrow(InvalidInputError);
			expect(() => buildJobQuery({ memberUserId: value }, 'UTC')).toThrow(/'Member' contains a double quote/);
		}
		expect(() => quote('ok"', 'X')).toThrow(InvalidInputError);
		expect(quote('2026-01-01T00:00:00Z', 'X')).toBe('"2026-01-01T00:00:00Z"');
	});

	it('refuses a member that is not a user ID, and statuses that are not documented', () => {
		expect(() => buildJobQuery({ memberUserId: 'someone@example.com' }, 'UTC')).toThrow(/'Member' is not a valid ID/);
		expect(() => buildJobQuery({ status: ['CLAIMED" OR status != "X'] }, 'UTC')).toThrow(/'Status' has an unsupported value/);
		expect(() => buildJobQuery({ status: 'CANCELLED' }, 'UTC')).toThrow(InvalidInputError);
	});

	it('finds OR outside quoted values only', () => {
		expect(hasOr('status = CLAIMED OR status = CLOSED')).toBe(true);
		expect(hasOr('status = CLAIMED or status = CLOSED')).toBe(true);
		expect(hasOr('members.user_id:"OR" AND status = CLOSED')).toBe(false);
		expect(hasOr('create_time >= "2026-01-01T00:00:00Z"')).toBe(false);
	});

	it('never mixes AND with OR', () => {
		expect(() => buildJobQuery({ rawFilter: 'status = CLAIMED OR status = CLOSED', createdAfter: '2026-01-01T00:00:00Z' }, 'UTC')).toThrow(
			/'Raw Filter' uses OR/,
		);
		expect(() => buildJobQuery({ rawFilter: 'status = CLAIMED OR status = CLOSED', status: ['UNCLAIMED'] }, 'UTC')).toThrow(/'Raw Filter' uses OR/);
		expect(buildJobQuery({ rawFilter: 'status = CLAIMED OR status = CLOSED' }, 'UTC')).toEqual({ filter: 'status = CLAIMED OR status = CLOSED' });
		expect(() => withTerm({ filter: 'status = CLAIMED OR status = CLOSED' }, 'create_time >= "2026-01-01T00:00:00Z"')).toThrow(InvalidInputError);
		expect(andTerms(undefined, ' a = "1" ', '')).toBe('a = "1"');
	});

	it('turns statuses into one OR query alone, and one query per status with other terms', () => {
		expect(wireQueries({})).toEqual([{}]);
		expect(wireQueries({ statuses: ['CLAIMED'] })).toEqual([{ filter: 'status = "CLAIMED"' }]);
		expect(wireQueries({ statuses: ['UNCLAIMED', 'CLAIMED'] })).toEqual([{ filter: 'status = "UNCLAIMED" OR status = "CLAIMED"' }]);
		const date = 'create_time >= "2026-01-01T00:00:00Z"';
		expect(wireQueries({ statuses: ['UNCLAIMED', 'CLAIMED'], filter: date })).toEqual([
			{ filter: `status = "UNCLAIMED" AND ${date}` },
			{ filter: `status = "CLAIMED" AND ${date}` },
		]);
		expect(wireQueries(withTerm({ statuses: ['UNCLAIMED', 'CLAIMED'] }, date))).toHaveLength(2);
	});
});

describe('Worklayer transport details', () => {
	it('reads times to the millisecond, rounding microseconds down', () => {
		expect(timeMs('2022-02-17T17:45:13.285105Z')).toBe(Date.UTC(2022, 1, 17, 17, 45, 13, 285));
		expect(timeMs('2022-02-17T17:45:13.285999Z')).toBe(Date.UTC(2022, 1, 17, 17, 45, 13, 285));
		expect(timeMs('2021-06-08T17:38:41.818Z')).toBe(Date.UTC(2021, 5, 8, 17, 38, 41, 818));
		expect(timeMs('2021-06-08T17:38:41Z')).toBe(Date.UTC(2021, 5, 8, 17, 38, 41));
		expect(timeMs('2021-06-08T19:38:41.5+02:00')).toBe(Date.UTC(2021, 5, 8, 17, 38, 41, 500));
		expect(timeMs(null)).toBeUndefined();
		expect(timeMs('yesterday')).toBeUndefined();
	});

	it('asks for jobs created in the cursor millisecond or later', () => {
		const since = Date.UTC(2026, 0, 1, 12, 0, 0, 123);
		expect(provider.changes.createdSince({ statuses: ['CLAIMED'] }, since)).toEqual({
			query: { statuses: ['CLAIMED'], filter: 'create_time >= "2026-01-01T12:00:00.123Z"' },
			oldestFirst: false,
		});
		// A job created 456 µs into that millisecond is at the cursor, not before it.
		expect(timeMs('2026-01-01T12:00:00.123456Z')).toBe(since);
	});

	it('gets a job by id or by short id', () => {
		expect(jobPath('a9749189-c82b-488b-a448-8f74c3d254e0')).toBe('/jobs/a9749189-c82b-488b-a448-8f74c3d254e0');
		expect(jobPath('7GRK4ERKFLL')).toBe('/jobs/getByShortId:7GRK4ERKFLL');
	});

	it('unwraps a job with or without a data wrapper', () => {
		expect(unwrapJob({ data: { id: 'x' } })).toEqual({ id: 'x' });
		expect(unwrapJob({ id: 'x', data: null })).toEqual({ id: 'x', data: null });
		expect(unwrapJob('nope')).toEqual({});
	});

	it('reads the error body the docs name, and Auth0 errors', () => {
		expect(worklayerApi.errorMessage({ error: 'BadRequest', message: 'Invalid filter' })).toBe('Invalid filter (BadRequest)');
		expect(worklayerApi.errorMessage({ error: 'NotFound' })).toBe('NotFound');
		expect(worklayerApi.errorMessage({ error: 'access_denied', error_description: 'Unauthorized' })).toBe('Unauthorized (access_denied)');
		expect(worklayerApi.errorMessage('Bad gateway')).toBe('Bad gateway');
		expect(worklayerApi.errorMessage({})).toBeUndefined();
	});
});

describe('Worklayer simplifyJob', () => {
	it("titles a job without a name by its description (the docs' own sample has name null)", () => {
		const job = { id: 'a9749189-c82b-488b-a448-8f74c3d254e0', short_id: '7GRK4ERKFLL', status: 'CLAIMED', members: [] };
		expect(simplifyJob({ ...job, name: null, description: 'Tony Stark | 2021 | 1040' }).title).toBe('Tony Stark | 2021 | 1040');
		expect(simplifyJob({ ...job, name: 'Personal Return', description: 'Natasha Romanov | 2021 | 1040' }).title).toBe('Personal Return');
	});
});
