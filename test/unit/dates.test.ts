import { parseInstant, readInstantValue, toIsoUtc, toUnixSeconds, zoneOffsetMs } from '../../nodes/shared/dates';
import { readInstant } from '../../nodes/shared/parameters';

// Expected instants are written by hand from the zones' published offsets, not computed by the code.
describe('parseInstant', () => {
	it('reads values with Z or an offset as that instant, whatever the zone', () => {
		expect(parseInstant('2026-02-25T09:00:00Z', 'America/New_York')).toBe(Date.UTC(2026, 1, 25, 9));
		expect(parseInstant('2026-02-25T09:00:00+02:00', 'UTC')).toBe(Date.UTC(2026, 1, 25, 7));
		expect(parseInstant('2026-02-25T09:00:00-0530', 'UTC')).toBe(Date.UTC(2026, 1, 25, 14, 30));
		expect(parseInstant('2026-02-25T09:00:00.250Z', 'UTC')).toBe(Date.UTC(2026, 1, 25, 9, 0, 0, 250));
	});

	it('reads wall-clock values in the workflow time zone', () => {
		// New York: EST (-5) in January, EDT (-4) in July.
		expect(parseInstant('2026-01-15T12:00:00', 'America/New_York')).toBe(Date.UTC(2026, 0, 15, 17));
		expect(parseInstant('2026-07-01T12:00:00', 'America/New_York')).toBe(Date.UTC(2026, 6, 1, 16));
		// Kolkata: +5:30 all year. Auckland: +13 in January (NZDT).
		expect(parseInstant('2026-07-01T12:00', 'Asia/Kolkata')).toBe(Date.UTC(2026, 6, 1, 6, 30));
		expect(parseInstant('2026-01-10T08:00:00', 'Pacific/Auckland')).toBe(Date.UTC(2026, 0, 9, 19));
		expect(parseInstant('2026-07-01', 'UTC')).toBe(Date.UTC(2026, 6, 1));
	});

	it('handles the hours around a daylight-saving switch', () => {
		// 2026-03-08 02:00 EST → 03:00 EDT in New York. 01:30 is EST; 03:30 is EDT.
		expect(parseInstant('2026-03-08T01:30:00', 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 6, 30));
		expect(parseInstant('2026-03-08T03:30:00', 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 7, 30));
	});

	it('accepts Date objects and luxon-like objects', () => {
		expect(parseInstant(new Date(Date.UTC(2026, 4, 1)), 'UTC')).toBe(Date.UTC(2026, 4, 1));
		expect(parseInstant({ toISO: () => '2026-05-01T10:00:00.000+02:00' }, 'UTC')).toBe(Date.UTC(2026, 4, 1, 8));
	});

	it('rejects what is not a date', () => {
		for (const bad of ['', 'tomorrow', '2026-02-30T00:00:00Z', '2026-13-01', '25/02/2026', 1700000000, null, {}]) {
			expect(parseInstant(bad, 'UTC')).toBeUndefined();
		}
	});
});

describe('zoneOffsetMs', () => {
	it('gives the offset of a zone at an instant', () => {
		expect(zoneOffsetMs(Date.UTC(2026, 6, 1), 'America/New_York')).toBe(-4 * 3600_000);
		expect(zoneOffsetMs(Date.UTC(2026, 0, 1), 'America/New_York')).toBe(-5 * 3600_000);
		expect(zoneOffsetMs(Date.UTC(2026, 0, 1), 'Asia/Kolkata')).toBe(5.5 * 3600_000);
	});
});

describe('output forms', () => {
	it('writes ISO 8601 in UTC and unix seconds', () => {
		expect(toIsoUtc(Date.UTC(2026, 1, 25, 9))).toBe('2026-02-25T09:00:00Z');
		expect(toIsoUtc(Date.UTC(2026, 1, 25, 9, 0, 0, 5))).toBe('2026-02-25T09:00:00.005Z');
		expect(toUnixSeconds(Date.UTC(2012, 6, 3, 2, 7, 26))).toBe(1341281246);
	});
});

describe('out-of-range parts', () => {
	it('keeps years before 100 as they are, in UTC and in a zone', () => {
		const year50 = new Date(0);
		year50.setUTCFullYear(50, 5, 1);
		expect(parseInstant('0050-06-01', 'UTC')).toBe(year50.getTime());
		expect(toIsoUtc(parseInstant('0050-06-01T00:00:00Z', 'UTC') as number)).toBe('0050-06-01T00:00:00Z');
		// Kolkata kept local mean time then: +5:53:28 (IANA tz database).
		expect(toIsoUtc(parseInstant('0050-06-01T12:00:00', 'Asia/Kolkata') as number)).toBe('0050-06-01T06:06:32Z');
		expect(toIsoUtc(parseInstant('0000-01-01T00:00:00Z', 'UTC') as number)).toBe('0000-01-01T00:00:00Z');
	});

	it('refuses a time whose zone or offset moves it out of the years 0000 to 9999 (UTC)', () => {
		expect(parseInstant('0000-01-01T00:00:00', 'Asia/Kolkata')).toBeUndefined();
		expect(parseInstant('0000-01-01T00:00:00+05:00', 'UTC')).toBeUndefined();
		expect(parseInstant('9999-12-31T23:00:00-05:00', 'UTC')).toBeUndefined();
		expect(parseInstant('9999-12-31T23:00:00', 'Asia/Kolkata')).toBeDefined();
	});

	it('refuses a minute, second, hour, day, month or offset that does not exist, saying which', () => {
		const cases: Array<[value: string, problem: string]> = [
			['2026-02-25T09:75:00Z', 'minute 75 does not exist (00 to 59)'],
			['2026-02-25T09:00:99Z', 'second 99 does not exist (00 to 59)'],
			['2026-02-25T24:00:00Z', 'hour 24 does not exist (00 to 23)'],
			['2026-02-30', 'day 30 does not exist in that month'],
			['2026-13-01', 'month 13 does not exist'],
			['2026-02-25T09:00:00+99:99', 'the offset +99:99 does not exist (at most ±23:59)'],
			['2026-02-25T09:00:00-12:60', 'the offset -12:60 does not exist (at most ±23:59)'],
		];
		for (const [value, problem] of cases) {
			expect(readInstantValue(value, 'Asia/Kolkata')).toEqual({ problem });
			expect(() => readInstant(value, 'Created After', 'UTC')).toThrow(`'Created After' is not a valid date: "${value}" (${problem})`);
		}
		expect(readInstantValue('2026-02-25T09:59:59+23:59', 'UTC')).toEqual({ ms: Date.UTC(2026, 1, 24, 10, 0, 59) });
	});
});
