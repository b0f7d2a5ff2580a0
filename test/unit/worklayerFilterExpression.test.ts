/**
 * Raw Filter read with Worklayer's filter grammar (https://docs.taxfyle.com/jobs/job-list,
 * "Filtering"): what it cannot read, or what could take a condition ANDed to it out of the filter,
 * is refused before any request, with the reason.
 */
import { buildJobQuery, withTerm } from '../../nodes/Worklayer/filters';
import { hasOr, parseFilterExpression } from '../../nodes/Worklayer/filterExpression';
import { InvalidInputError } from '../../nodes/shared/parameters';

const TRIGGER_TERM = 'create_time >= "2026-01-01T00:00:00.000Z"';
const AFTER = { createdAfter: '2026-01-01T00:00:00Z' };

function refusal(action: () => unknown): string {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(InvalidInputError);
		return (error as Error).message;
	}
	throw new Error('not refused');
}

describe('parseFilterExpression', () => {
	it('reads the documented forms and writes them in one spelling', () => {
		expect(parseFilterExpression('status="CLAIMED"', 'F')).toEqual({ text: 'status = "CLAIMED"', usesOr: false });
		expect(parseFilterExpression('members.user_id : "u-1"', 'F').text).toBe('members.user_id:"u-1"');
		expect(parseFilterExpression('status = CLAIMED  AND\ttransmit_time<="2022-12-31T23:59:59Z"', 'F').text).toBe(
			'status = CLAIMED AND transmit_time <= "2022-12-31T23:59:59Z"',
		);
		expect(parseFilterExpression('status="CLAIMED" OR status="CLOSED"', 'F')).toEqual({
			text: 'status = "CLAIMED" OR status = "CLOSED"',
			usesOr: true,
		});
		expect(parseFilterExpression('(status != CLOSED)', 'F').text).toBe('(status != CLOSED)');
		expect(parseFilterExpression('deadline_time < "a OR b" AND status = "x(y)"', 'F')).toEqual({
			text: 'deadline_time < "a OR b" AND status = "x(y)"',
			usesOr: false,
		});
	});

	it('refuses what the grammar does not have, saying what and where', () => {
		const cases: Array<[input: string, reason: RegExp]> = [
			['status = "A" || status = "B"', /'\|\|', which is not Worklayer's OR \(write OR\) at character 14/],
			['status = "A" && status = "B"', /'&&'/],
			['status = "A', /double quote \("\) that is never closed at character 10/],
			['status = "A\\" OR x = "B"', /backslash inside a quoted value/],
			['(status = "A"', /'\(' that is never closed/],
			['status = "A")', /'\)' without its '\('/],
			['status = "A" OR status = "B" AND create_time > "x"', /AND and OR mixed without parentheses/],
			['status = "A" or status = "B"', /'or' where AND, OR or the end should be/],
			['NOT status = "A"', /'NOT', which Worklayer does not document/],
			['status =< "A"', /'=<', which is not a comparator \(write <=\)/],
			['status = "A"\nOR status = "B"', /control character/],
			['status', /the end of the filter where a comparator of 'status' \(= !=\) should be at the end/],
			['status > CLAIMED', /'>' where a comparator of 'status' \(= !=\) should be at character 8/],
			['update_time > "2026-01-01T00:00:00Z"', /'update_time', which is not a filterable field \(members.user_id, status, create_time, transmit_time, deadline_time\) at character 1/],
			['status = ', /the end of the filter where the value of 'status' should be/],
			["status = 'A'", /''', which is not part of Worklayer's filter language/],
			['status = -A', /bare value starting with '-'/],
			['AND status = "A"', /AND where a condition should be/],
			['status = "A" status = "B"', /'status' where AND, OR or the end should be/],
		];
		for (const [input, reason] of cases) {
			expect(refusal(() => parseFilterExpression(input, 'Raw Filter'))).toMatch(reason);
			expect(refusal(() => parseFilterExpression(input, 'Raw Filter'))).toMatch(/^'Raw Filter' cannot be sent: it has /);
		}
	});
});

describe('Raw Filter with other conditions', () => {
	it('refuses an OR written against a quote, which a trigger would AND its time term to', () => {
		// `"A"OR` has no space before OR: a pattern looking for " OR " misses it.
		const raw = 'status="CLAIMED"OR status="CLOSED"';
		expect(refusal(() => buildJobQuery({ rawFilter: raw, ...AFTER }, 'UTC'))).toMatch(/'Raw Filter' uses OR/);
		expect(refusal(() => buildJobQuery({ rawFilter: raw, status: ['UNCLAIMED'] }, 'UTC'))).toMatch(/'Raw Filter' uses OR/);
		const alone = buildJobQuery({ rawFilter: raw }, 'UTC');
		expect(alone).toEqual({ filter: 'status = "CLAIMED" OR status = "CLOSED"' });
		expect(() => withTerm(alone, TRIGGER_TERM)).toThrow(/'Raw Filter' uses OR/);
	});

	it('refuses || and an open quote or parenthesis, which could swallow the term ANDed after them', () => {
		for (const raw of ['status = "CLAIMED" || status = "CLOSED"', 'status = "CLAIMED', '(status = "CLAIMED"', 'status = "A" )) OR ((x = "B"']) {
			expect(() => buildJobQuery({ rawFilter: raw }, 'UTC')).toThrow(/'Raw Filter' cannot be sent/);
		}
	});

	it('ANDs an AND-only Raw Filter to the other conditions in canonical spelling', () => {
		expect(buildJobQuery({ rawFilter: 'transmit_time!="2026-01-01T00:00:00Z"', ...AFTER }, 'UTC')).toEqual({
			filter: 'create_time >= "2026-01-01T00:00:00Z" AND transmit_time != "2026-01-01T00:00:00Z"',
		});
		expect(withTerm(buildJobQuery({ rawFilter: 'status = CLAIMED' }, 'UTC'), TRIGGER_TERM)).toEqual({
			filter: `status = CLAIMED AND ${TRIGGER_TERM}`,
		});
	});

	it('counts OR in any spelling, and anything unreadable, as OR', () => {
		expect(hasOr('status = "CLAIMED"OR status = "CLOSED"')).toBe(true);
		expect(hasOr('status = CLAIMED or status = CLOSED')).toBe(true);
		expect(hasOr('a = "1" || b = "2"')).toBe(true);
		expect(hasOr('members.user_id:"OR" AND status = CLOSED')).toBe(false);
	});
});
