/**
 * The loopback API the error probe calls: one route per failure, answering with fixed headers (no
 * Date header) so that captures repeat exactly, plus an OAuth 2 client-credentials token endpoint.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One failure to capture: how the probe node asks for it and through which credential. */
export interface ProbeCase {
	name: string;
	method: 'GET' | 'POST';
	path: string;
	credential: 'header' | 'oauth2';
	body?: Record<string, unknown>;
	timeoutMs?: number;
	/** Send the request to a port nobody listens on (connection refused). */
	closedPort?: boolean;
}

/** What the API answers on each route (status, headers, body). */
interface Route {
	status: number;
	headers?: Record<string, string>;
	body?: unknown;
	/** Close the connection without an answer. */
	reset?: boolean;
	/** Answer this late (the probe's timeout is shorter). */
	delayMs?: number;
}

export const PROBE_TOKEN = 'probe-access-token';
/** Unix seconds, fixed: the captures carry it verbatim. */
export const PROBE_RATE_LIMIT_RESET = '1767225600';

const ROUTES: Record<string, Route> = {
	'GET /e/429': {
		status: 429,
		headers: { 'Retry-After': '7', 'X-RateLimit-Reset': PROBE_RATE_LIMIT_RESET },
		body: { success: false, error: 'rate_limit_exceeded', message: 'Too many requests. Please try again later.' },
	},
	'GET /e/429-date': {
		status: 429,
		headers: { 'Retry-After': 'Wed, 21 Oct 2026 07:28:00 GMT' },
		body: { success: false, error: 'rate_limit_exceeded', message: 'Too many requests. Please try again later.' },
	},
	'GET /e/503': { status: 503, body: { error: 'unavailable', message: 'Down for maintenance' } },
	'GET /e/503-text': { status: 503, body: 'Service Unavailable' },
	'GET /e/404': { status: 404, body: { success: false, error: 'not_found', message: 'Job not found' } },
	'POST /e/400': { status: 400, body: { meta: { status: 'invalid_request', message: 'Unknown field: colour' }, response: {} } },
	'GET /e/400': { status: 400, body: { meta: { status: 'invalid_request', message: 'No job with that id' }, response: {} } },
	'GET /e/reset': { status: 0, reset: true },
	'GET /e/slow': { status: 200, body: { ok: true }, delayMs: 2_000 },
};

/** The failures captured from every pinned n8n version. */
export const PROBE_CASES: readonly ProbeCase[] = [
	{ name: 'get-429-retry-after-seconds', method: 'GET', path: '/e/429', credential: 'header' },
	{ name: 'get-429-retry-after-date', method: 'GET', path: '/e/429-date', credential: 'header' },
	{ name: 'get-503-json', method: 'GET', path: '/e/503', credential: 'header' },
	{ name: 'get-503-text', method: 'GET', path: '/e/503-text', credential: 'header' },
	{ name: 'get-404-json', method: 'GET', path: '/e/404', credential: 'header' },
	{ name: 'post-400-json', method: 'POST', path: '/e/400', credential: 'header', body: { colour: 'red' } },
	{ name: 'get-connection-reset', method: 'GET', path: '/e/reset', credential: 'header' },
	{ name: 'get-timeout', method: 'GET', path: '/e/slow', credential: 'header', timeoutMs: 300 },
	{ name: 'get-connection-refused', method: 'GET', path: '/e/404', credential: 'header', closedPort: true },
	{ name: 'oauth2-get-429', method: 'GET', path: '/e/429', credential: 'oauth2' },
	{ name: 'oauth2-get-503-json', method: 'GET', path: '/e/503', credential: 'oauth2' },
	{ name: 'oauth2-get-400-json', method: 'GET', path: '/e/400', credential: 'oauth2' },
	{ name: 'oauth2-post-400-json', method: 'POST', path: '/e/400', credential: 'oauth2', body: { colour: 'red' } },
	{ name: 'oauth2-get-connection-reset', method: 'GET', path: '/e/reset', credential: 'oauth2' },
];

export interface ProbeServer {
	origin: string;
	/** Requests seen, as `METHOD /path`. */
	seen: string[];
	stop(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	res.sendDate = false;
	res.writeHead(status, {
		'Content-Type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
		'Content-Length': String(Buffer.byteLength(text)),
		Connection: 'close',
		...headers,
	});
	res.end(text);
}

/** Starts the probe API on 127.0.0.1 (a free port). */
export async function startProbeServer(): Promise<ProbeServer> {
	const seen: string[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const path = new URL(req.url ?? '/', 'http://localhost').pathname;
			const key = `${req.method ?? 'GET'} ${path}`;
			seen.push(key);
			if (key === 'POST /token') {
				send(res, 200, { access_token: PROBE_TOKEN, token_type: 'Bearer', expires_in: 3600 });
				return;
			}
			const route = ROUTES[key];
			if (!route) {
				send(res, 404, { error: 'no_such_probe_route', route: key });
				return;
			}
			if (route.reset) {
				req.socket.destroy();
				return;
			}
			const answer = (): void => send(res, route.status, route.body, route.headers);
			if (route.delayMs) setTimeout(answer, route.delayMs).unref();
			else answer();
		});
	});
	const sockets = new Set<import('node:net').Socket>();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		seen,
		stop: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
