/**
 * Checks of a webhook delivery's signature, the same way for every provider: secrets and
 * signatures are compared in constant time, HMACs are computed over the raw body bytes exactly as
 * they arrived (never over JSON parsed and written again), and a signed timestamp older or newer
 * than the tolerance is refused, so a captured delivery cannot be replayed later.
 *
 * `crypto` is one of the imports n8n's community-node rules allow (`no-restricted-imports` of
 * @n8n/eslint-plugin-community-nodes); n8n's own GitHub trigger checks its signature with
 * `createHmac` and `timingSafeEqual` the same way
 * (https://github.com/n8n-io/n8n/blob/master/packages/nodes-base/nodes/Github/GithubTriggerHelpers.ts).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';

/** Why a delivery was refused; each is answered 401 and starts no execution. */
type SignatureProblem = 'missingSecret' | 'missingSignature' | 'missingBody' | 'badTimestamp' | 'staleTimestamp' | 'mismatch';

export type SignatureVerdict = { ok: true } | { ok: false; problem: SignatureProblem };

export const SIGNATURE_PROBLEMS: Record<SignatureProblem, string> = {
	missingSecret: 'the trigger has no secret to check deliveries against',
	missingSignature: 'the delivery carries no signature',
	missingBody: 'the delivery has no body to check',
	badTimestamp: 'the signed timestamp is not a Unix time in seconds',
	staleTimestamp: 'the signed timestamp is outside the tolerance (a late or replayed delivery)',
	mismatch: 'the signature does not match',
};

/** A replayed delivery older (or newer) than this is refused; no provider documents its own value. */
export const DEFAULT_TOLERANCE_MS = 5 * 60_000;

/**
 * Whether two secrets or signatures are equal, in time that depends on neither. Both are hashed
 * first, so `timingSafeEqual` gets two buffers of the same length and not even a length leaks.
 */
export function constantTimeEqual(a: string | Buffer, b: string | Buffer): boolean {
	const digest = (value: string | Buffer) => createHash('sha256').update(value).digest();
	return timingSafeEqual(digest(a), digest(b));
}

/** A new random secret for a subscription this package registers itself (64 hex characters). */
export function generateSecret(): string {
	return randomBytes(32).toString('hex');
}

/** HMAC-SHA256 of `parts` (written one after the other) with `secret` as UTF-8 key. */
function hmacSha256(secret: string, parts: Array<string | Buffer>, encoding: 'hex' | 'base64'): string {
	const hmac = createHmac('sha256', Buffer.from(secret, 'utf8'));
	for (const part of parts) hmac.update(part);
	return hmac.digest(encoding);
}

export interface TimestampedHmac {
	secret: string | undefined;
	/** The signed Unix time in seconds, from its header. */
	timestamp: string | undefined;
	/** The signature, from its header. */
	signature: string | undefined;
	/** The request body exactly as received. */
	rawBody: Buffer | undefined;
	encoding: 'hex' | 'base64';
	toleranceMs: number;
	nowMs: number;
}

/**
 * An HMAC-SHA256 over `<timestamp>.<raw body>`, the scheme Worklayer documents and Housecall Pro is
 * seen to use (see docs/nodes/worklayer.md and docs/nodes/housecall-pro.md for the evidence).
 */
export function verifyTimestampedHmac(input: TimestampedHmac): SignatureVerdict {
	const { secret, timestamp, signature, rawBody } = input;
	if (!secret) return { ok: false, problem: 'missingSecret' };
	if (!timestamp || !signature) return { ok: false, problem: 'missingSignature' };
	if (!rawBody) return { ok: false, problem: 'missingBody' };
	const stamp = timestamp.trim();
	if (!/^\d{1,12}$/.test(stamp)) return { ok: false, problem: 'badTimestamp' };
	if (Math.abs(input.nowMs - Number(stamp) * 1000) > input.toleranceMs) return { ok: false, problem: 'staleTimestamp' };
	const expected = hmacSha256(secret, [`${stamp}.`, rawBody], input.encoding);
	// Hex may come in either case; base64 is compared as sent.
	const given = input.encoding === 'hex' ? signature.trim().toLowerCase() : signature.trim();
	return constantTimeEqual(expected, given) ? { ok: true } : { ok: false, problem: 'mismatch' };
}

/** A shared secret sent as is in a header (Planado's `X-Planado-Secret`), compared in constant time. */
export function verifySharedSecret(expected: string | undefined, given: string | undefined): SignatureVerdict {
	if (!expected) return { ok: false, problem: 'missingSecret' };
	if (!given) return { ok: false, problem: 'missingSignature' };
	return constantTimeEqual(expected, given) ? { ok: true } : { ok: false, problem: 'mismatch' };
}
