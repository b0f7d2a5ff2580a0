/**
 * Webhooks in the simulators: deliveries sent over real loopback HTTP to a URL (n8n's webhook URL
 * in the e2e suite, a test server in engine tests), signed as each provider documents, and
 * Planado's subscriptions (`/v2/webhooks`). The simulators hold the jobs; this module holds what
 * is sent.
 *
 * - Planado (https://api-docs.planadoapp.com/docs/v2/webhooks.html): the subscription's secret as
 *   is in `X-Planado-Secret`, `X-Planado-Delivery-Attempt` from 1, a body
 *   `{ event_uuid, event_type, context, job }` with the job's `version`.
 * - Worklayer (https://docs.taxfyle.com/webhooks/check-signatures): `x-worklayer-date` (Unix
 *   seconds) and `x-worklayer-signature`, base64 HMAC-SHA256 over `<date>.<body>`; a body
 *   `{ id, create_time, event_type, version, data: { job } }`.
 * - Housecall Pro (no vendor page; public client code, see docs/nodes/housecall-pro.md):
 *   `Api-Timestamp` and `Api-Signature`, hex HMAC-SHA256 over `<timestamp>.<body>`; a body
 *   `{ event, event_occurred_at, company_id, job }`.
 */
import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';

export interface DeliveryResult {
	status: number;
	body: string;
	/** From sending the first byte to the end of the answer. */
	ms: number;
}

/** One POST of `body` (sent byte for byte as given) with `headers`. */
export async function deliver(url: string, body: string, headers: Record<string, string>): Promise<DeliveryResult> {
	const started = performance.now();
	return await new Promise<DeliveryResult>((resolve, reject) => {
		const req = http.request(
			url,
			{
				method: 'POST',
				timeout: 15_000,
				headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, ms: performance.now() - started }));
			},
		);
		req.on('timeout', () => req.destroy(new Error(`POST ${url}: timed out`)));
		req.on('error', reject);
		req.end(body);
	});
}

function hmac(secret: string, message: string, encoding: 'hex' | 'base64'): string {
	return createHmac('sha256', secret).update(message).digest(encoding);
}

const unixSeconds = (ms: number): string => String(Math.floor(ms / 1000));

// ----- Planado ----------------------------------------------------------------------------------------

export interface PlanadoSubscription {
	uuid: string;
	url: string;
	event_types: string[];
	secret: string | null;
}

export interface PlanadoRouteResult {
	status: number;
	body?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Planado's webhook subscriptions and their deliveries. */
export class PlanadoWebhooks {
	readonly subscriptions = new Map<string, PlanadoSubscription>();

	/** Every delivery sent, in order. */
	readonly sent: Array<{ subscription: string; eventType: string; attempt: number; status: number }> = [];

	/** `/v2/webhooks[/<uuid>]`: list, create, delete. */
	route(method: string, uuid: string | undefined, body: unknown): PlanadoRouteResult {
		if (uuid === undefined && method === 'GET') return { status: 200, body: { webhooks: [...this.subscriptions.values()] } };
		if (uuid === undefined && method === 'POST') {
			const input = isRecord(body) ? body : {};
			const eventTypes = input.event_types;
			const details: Record<string, string> = {};
			if (typeof input.url !== 'string' || !/^https?:\/\//.test(input.url)) details.url = 'must be an http(s) URL';
			if (!Array.isArray(eventTypes) || eventTypes.length === 0 || !eventTypes.every((t) => typeof t === 'string')) {
				details.event_types = 'must be a non-empty list of event types';
			}
			if (input.secret !== undefined && input.secret !== null && typeof input.secret !== 'string') details.secret = 'must be a string';
			if (Object.keys(details).length) return { status: 422, body: { error: 'validation_failed', message: 'Invalid webhook', details } };
			const subscription: PlanadoSubscription = {
				uuid: randomUUID(),
				url: input.url as string,
				event_types: [...(eventTypes as string[])],
				secret: typeof input.secret === 'string' ? input.secret : null,
			};
			this.subscriptions.set(subscription.uuid, subscription);
			return { status: 201, body: { webhook: subscription } };
		}
		if (uuid !== undefined && method === 'DELETE') {
			return this.subscriptions.delete(uuid) ? { status: 204 } : { status: 404, body: { error: 'not_found', message: 'Not found' } };
		}
		if (uuid !== undefined && method === 'GET') {
			const subscription = this.subscriptions.get(uuid);
			return subscription ? { status: 200, body: { webhook: subscription } } : { status: 404, body: { error: 'not_found', message: 'Not found' } };
		}
		return { status: 404, body: { error: 'not_found', message: 'Not found' } };
	}

	/** The body Planado sends for `eventType` about `job` (a job as GET /v2/jobs/<uuid> answers it). */
	static eventBody(eventType: string, job: object, eventUuid: string = randomUUID()): string {
		const now = new Date().toISOString();
		return JSON.stringify({
			event_uuid: eventUuid,
			event_type: eventType,
			context: { source: 'web', happened_at: now, created_at: now, user_uuid: null, user_email: null, device_uuid: null },
			job,
		});
	}

	/**
	 * Sends `body` to every subscription of `eventType`, as delivery attempt `attempt`, with the
	 * subscription's secret (or `secret` when given: a forged delivery).
	 */
	async deliver(eventType: string, body: string, options: { attempt?: number; secret?: string | null } = {}): Promise<DeliveryResult[]> {
		const results: DeliveryResult[] = [];
		for (const subscription of this.subscriptions.values()) {
			if (!subscription.event_types.includes(eventType)) continue;
			const attempt = options.attempt ?? 1;
			const secret = options.secret === undefined ? subscription.secret : options.secret;
			const headers: Record<string, string> = { 'X-Planado-Delivery-Attempt': String(attempt) };
			if (secret !== null) headers['X-Planado-Secret'] = secret;
			const result = await deliver(subscription.url, body, headers);
			this.sent.push({ subscription: subscription.uuid, eventType, attempt, status: result.status });
			results.push(result);
		}
		return results;
	}
}

// ----- Worklayer ----------------------------------------------------------------------------------

export function worklayerEventBody(eventType: string, job: object, eventId: string = randomUUID()): string {
	return JSON.stringify({ id: eventId, create_time: new Date().toISOString(), event_type: eventType, version: '1.0', data: { job } });
}

/** The signature headers of a Worklayer delivery of `body`, signed at `atMs`. */
export function worklayerSignature(secret: string, body: string, atMs: number = Date.now()): Record<string, string> {
	const date = unixSeconds(atMs);
	return { 'x-worklayer-date': date, 'x-worklayer-signature': hmac(secret, `${date}.${body}`, 'base64') };
}

// ----- Housecall Pro ------------------------------------------------------------------------------

export function housecallProEventBody(event: string, job: object, occurredAt: Date = new Date(), companyId = 'cmp_sim'): string {
	return JSON.stringify({ event, event_occurred_at: occurredAt.toISOString(), company_id: companyId, job });
}

export function housecallProAppointmentBody(event: string, appointment: object, companyId = 'cmp_sim'): string {
	return JSON.stringify({ event, event_occurred_at: new Date().toISOString(), company_id: companyId, appointment });
}

/** The signature headers of a Housecall Pro delivery of `body`, signed at `atMs`. */
export function housecallProSignature(secret: string, body: string, atMs: number = Date.now()): Record<string, string> {
	const timestamp = unixSeconds(atMs);
	return { 'Api-Timestamp': timestamp, 'Api-Signature': hmac(secret, `${timestamp}.${body}`, 'hex') };
}

/** What Housecall Pro sends, unsigned, when a webhook URL is saved in its app. */
export const HOUSECALL_PRO_URL_CHECK = '{"foo":"bar"}';
