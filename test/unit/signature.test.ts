import crypto, { createHmac } from 'node:crypto';

import {
	constantTimeEqual,
	DEFAULT_TOLERANCE_MS,
	generateSecret,
	verifySharedSecret,
	verifyTimestampedHmac,
	type TimestampedHmac,
} from '../../nodes/shared/signature';

const SECRET = 'whsec_test_secret';
const NOW = Date.UTC(2026, 11, 7, 10, 0, 0);
const STAMP = String(NOW / 1000);
// Spacing, key order and an escaped character that JSON.parse + JSON.stringify would change.
const RAW = '{"event_type":"job.status",  "data":{"job":{"id":"j1","name":"Caf\\u00e9"}}}';

function sign(secret: string, stamp: string, body: string, encoding: 'hex' | 'base64'): string {
	return createHmac('sha256', secret).update(`${stamp}.${body}`).digest(encoding);
}

function input(overrides: Partial<TimestampedHmac> = {}): TimestampedHmac {
	return {
		secret: SECRET,
		timestamp: STAMP,
		signature: sign(SECRET, STAMP, RAW, 'base64'),
		rawBody: Buffer.from(RAW, 'utf8'),
		encoding: 'base64',
		toleranceMs: DEFAULT_TOLERANCE_MS,
		nowMs: NOW,
		...overrides,
	};
}

describe('verifyTimestampedHmac', () => {
	it('accepts the HMAC of "<timestamp>.<raw body>" in base64 and in hex (either case)', () => {
		expect(verifyTimestampedHmac(input())).toEqual({ ok: true });
		const hex = sign(SECRET, STAMP, RAW, 'hex');
		expect(verifyTimestampedHmac(input({ encoding: 'hex', signature: hex }))).toEqual({ ok: true });
		expect(verifyTimestampedHmac(input({ encoding: 'hex', signature: hex.toUpperCase() }))).toEqual({ ok: true });
	});

	it('checks the raw bytes: a signature over the body parsed and written again does not match', () => {
		const reserialized = JSON.stringify(JSON.parse(RAW));
		expect(reserialized).not.toBe(RAW);
		expect(verifyTimestampedHmac(input({ signature: sign(SECRET, STAMP, reserialized, 'base64') }))).toEqual({ ok: false, problem: 'mismatch' });
		// And the same signature fails when the body that arrived is the rewritten one.
		expect(verifyTimestampedHmac(input({ rawBody: Buffer.from(reserialized) }))).toEqual({ ok: false, problem: 'mismatch' });
	});

	it('refuses a wrong secret, a signature of another timestamp, and the wrong encoding', () => {
		expect(verifyTimestampedHmac(input({ secret: 'other' }))).toEqual({ ok: false, problem: 'mismatch' });
		const later = String(Number(STAMP) + 1);
		expect(verifyTimestampedHmac(input({ timestamp: later }))).toEqual({ ok: false, problem: 'mismatch' });
		expect(verifyTimestampedHmac(input({ encoding: 'hex' }))).toEqual({ ok: false, problem: 'mismatch' });
	});

	it('refuses a timestamp outside five minutes either way, and accepts one just inside', () => {
		const at = (offsetMs: number) => {
			const stamp = String(Math.floor((NOW + offsetMs) / 1000));
			return verifyTimestampedHmac(input({ timestamp: stamp, signature: sign(SECRET, stamp, RAW, 'base64') }));
		};
		expect(at(-DEFAULT_TOLERANCE_MS + 1000)).toEqual({ ok: true });
		expect(at(DEFAULT_TOLERANCE_MS - 1000)).toEqual({ ok: true });
		expect(at(-DEFAULT_TOLERANCE_MS - 1000)).toEqual({ ok: false, problem: 'staleTimestamp' });
		expect(at(DEFAULT_TOLERANCE_MS + 1000)).toEqual({ ok: false, problem: 'staleTimestamp' });
	});

	it('refuses what is missing or malformed before computing anything', () => {
		expect(verifyTimestampedHmac(input({ secret: undefined }))).toEqual({ ok: false, problem: 'missingSecret' });
		expect(verifyTimestampedHmac(input({ signature: undefined }))).toEqual({ ok: false, problem: 'missingSignature' });
		expect(verifyTimestampedHmac(input({ timestamp: undefined }))).toEqual({ ok: false, problem: 'missingSignature' });
		expect(verifyTimestampedHmac(input({ rawBody: undefined }))).toEqual({ ok: false, problem: 'missingBody' });
		expect(verifyTimestampedHmac(input({ timestamp: '2026-12-07T10:00:00Z' }))).toEqual({ ok: false, problem: 'badTimestamp' });
		// Milliseconds instead of seconds.
		expect(verifyTimestampedHmac(input({ timestamp: `${STAMP}000` }))).toEqual({ ok: false, problem: 'badTimestamp' });
	});
});

describe('constant-time comparison', () => {
	afterEach(() => jest.restoreAllMocks());

	it('compares through crypto.timingSafeEqual, on digests of equal length whatever the inputs', () => {
		const spy = jest.spyOn(crypto, 'timingSafeEqual');
		expect(constantTimeEqual('abc', 'abc')).toBe(true);
		expect(constantTimeEqual('abc', 'abd')).toBe(false);
		// Different lengths still go through the same comparison: no early return that leaks a length.
		expect(constantTimeEqual('a', 'a much longer guess')).toBe(false);
		expect(spy).toHaveBeenCalledTimes(3);
		for (const [a, b] of spy.mock.calls) {
			expect((a as Buffer).length).toBe(32);
			expect((b as Buffer).length).toBe(32);
		}
	});

	it('verifySharedSecret (Planado) and verifyTimestampedHmac both use it', () => {
		const spy = jest.spyOn(crypto, 'timingSafeEqual');
		expect(verifySharedSecret('s3cret', 's3cret')).toEqual({ ok: true });
		expect(verifySharedSecret('s3cret', 's3creT')).toEqual({ ok: false, problem: 'mismatch' });
		expect(verifySharedSecret('s3cret', undefined)).toEqual({ ok: false, problem: 'missingSignature' });
		expect(verifySharedSecret(undefined, 's3cret')).toEqual({ ok: false, problem: 'missingSecret' });
		verifyTimestampedHmac(input());
		expect(spy).toHaveBeenCalledTimes(3);
	});

	it('generates 256-bit secrets that differ', () => {
		const a = generateSecret();
		expect(a).toMatch(/^[0-9a-f]{64}$/);
		expect(generateSecret()).not.toBe(a);
	});
});
