/**
 * A small loopback HTTP server that the provider simulators are built on. It records every request
 * (so tests can count and inspect what the node sent), parses bracketed query strings the way Rails
 * and Rack do, and lets a test inject faults (429, 5xx, connection resets, slow answers) for the next
 * N matching requests. A fault can also let the simulator answer for real (so a write is applied)
 * and then spoil the answer on its way back: dropped, cut short, late or not JSON.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type QueryValue = string | QueryValue[] | { [key: string]: QueryValue };
export type Query = { [key: string]: QueryValue };

export interface RecordedRequest {
	method: string;
	/** Path without the query string, percent-decoded. */
	path: string;
	/** The raw URL as received (path and query). */
	rawUrl: string;
	/** Query parsed with bracket nesting: `a[]=1&a[]=2` → `{ a: ['1','2'] }`, `a[b]=1` → `{ a: { b: '1' } }`. */
	query: Query;
	/** Every query parameter exactly as sent (decoded), in order. */
	queryPairs: Array<[string, string]>;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
	/** JSON or form body, parsed; undefined when there was none. */
	body: unknown;
	/** Requests being answered when this one arrived, itself included (parallel reads). */
	inFlight?: number;
}

export interface SimResponse {
	status: number;
	headers?: Record<string, string>;
	/** Sent as JSON unless it is a string. */
	body?: unknown;
	/** Wait this long before answering (tests of client timeouts). */
	delayMs?: number;
}

export type Handler = (req: RecordedRequest) => SimResponse | Promise<SimResponse>;

/**
 * A fault that lets the handler answer (a write takes effect) and then spoils the answer, so the
 * client cannot know whether its request was applied:
 * - `reset`: the connection drops before any byte of the answer;
 * - `truncate`: the real status and headers (Content-Length of the whole body), half the body, then
 *   the connection drops;
 * - `late`: the real answer, `delayMs` later (past a client's timeout);
 * - `notJson`: the real status with `body` instead, still labelled application/json (a proxy's
 *   error page, a body cut by a gateway).
 */
export type SpoiledAnswer =
	| { spoil: 'reset' }
	| { spoil: 'truncate' }
	| { spoil: 'late'; delayMs: number }
	| { spoil: 'notJson'; body: string };

export type FaultResponse = SimResponse | 'reset' | SpoiledAnswer;

function isSpoiled(response: FaultResponse): response is SpoiledAnswer {
	return typeof response === 'object' && 'spoil' in response;
}

export interface FaultMatch {
	method?: string;
	path?: string | RegExp;
}

interface Fault {
	match: FaultMatch;
	response: FaultResponse;
	remaining: number;
}

/** Parses `a[b][]=1` style keys into nested objects/arrays (Rack semantics, simplified). */
export function parseQuery(search: string): { query: Query; pairs: Array<[string, string]> } {
	const query: Query = {};
	const pairs: Array<[string, string]> = [];
	const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
	for (const [key, value] of params) {
		pairs.push([key, value]);
		const match = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(key);
		if (!match) {
			query[key] = value;
			continue;
		}
		const segments = [...match[2].matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]);
		assign(query, [match[1], ...segments], value);
	}
	return { query, pairs };
}

function assign(target: Query | QueryValue[], segments: string[], value: string): void {
	const [head, ...rest] = segments;
	if (Array.isArray(target)) {
		if (rest.length === 0) {
			target.push(value);
			return;
		}
		const child: Query = {};
		target.push(child);
		assign(child, rest, value);
		return;
	}
	if (rest.length === 0) {
		target[head] = value;
		return;
	}
	const isArray = rest[0] === '';
	let child = target[head];
	if (isArray) {
		if (!Array.isArray(child)) child = target[head] = [];
		(child as QueryValue[]).push(...(rest.length === 1 ? [value] : []));
		if (rest.length > 1) assign(child as QueryValue[], rest.slice(1), value);
		return;
	}
	if (typeof child !== 'object' || child === null || Array.isArray(child)) child = target[head] = {};
	assign(child as Query, rest, value);
}

function parseBody(raw: string, contentType: string | undefined): unknown {
	if (!raw) return undefined;
	if (contentType?.includes('application/x-www-form-urlencoded')) return parseQuery(raw).query;
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return raw;
	}
}

export class SimulatorServer {
	readonly requests: RecordedRequest[] = [];

	private faults: Fault[] = [];

	private server: http.Server | undefined;

	private sockets = new Set<import('node:net').Socket>();

	constructor(private readonly handler: Handler) {}

	/** Starts listening on loopback; resolves to the origin, e.g. `http://127.0.0.1:41234`. */
	async start(port = 0, host = '127.0.0.1'): Promise<string> {
		this.server = http.createServer((req, res) => void this.handle(req, res));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(port, host, () => resolve());
		});
		const address = this.server.address() as AddressInfo;
		return `http://${host}:${address.port}`;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	/**
	 * Called with every request before it is answered (after it is logged): tests change the
	 * simulator's state at a chosen moment, such as expiring tokens between two pages of one read.
	 */
	onRequest?: (req: RecordedRequest) => void;

	/**
	 * A wait before every answer, as a distant API has (a number of ms, or per request): the
	 * benchmark's latency setting and tests of parallel reads whose pages arrive out of order.
	 */
	latency?: number | ((req: RecordedRequest) => number);

	/** Requests received and not yet answered. */
	private inFlightNow = 0;

	/**
	 * Called with the answer the handler gave (not with injected ones), before a spoiling fault
	 * changes it: tests see which writes the simulator applied even when the client never learns.
	 */
	onHandled?: (req: RecordedRequest, response: SimResponse) => void;

	/**
	 * The next `times` requests matching `match` get `response` (or a connection reset) instead, or
	 * with a `SpoiledAnswer`, the handler's own answer spoiled.
	 */
	injectFault(match: FaultMatch, response: FaultResponse, times = 1): void {
		this.faults.push({ match, response, remaining: times });
	}

	clearLog(): void {
		this.requests.length = 0;
	}

	clearFaults(): void {
		this.faults = [];
	}

	private takeFault(req: RecordedRequest): Fault | undefined {
		const fault = this.faults.find(
			(f) =>
				f.remaining > 0 &&
				(!f.match.method || f.match.method === req.method) &&
				(!f.match.path ||
					(typeof f.match.path === 'string' ? f.match.path === req.path : f.match.path.test(req.path))),
		);
		if (fault) fault.remaining--;
		return fault;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', 'http://localhost');
		const { query, pairs } = parseQuery(url.search);
		const recorded: RecordedRequest = {
			method: req.method ?? 'GET',
			path: decodeURIComponent(url.pathname),
			rawUrl: req.url ?? '/',
			query,
			queryPairs: pairs,
			headers: req.headers,
			rawBody,
			body: parseBody(rawBody, req.headers['content-type']),
		};
		this.inFlightNow++;
		recorded.inFlight = this.inFlightNow;
		res.on('close', () => this.inFlightNow--);
		this.requests.push(recorded);
		this.onRequest?.(recorded);
		const latency = typeof this.latency === 'function' ? this.latency(recorded) : (this.latency ?? 0);
		if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
		let response: SimResponse;
		const fault = this.takeFault(recorded);
		if (fault?.response === 'reset') {
			req.socket.destroy();
			return;
		}
		const spoiled = fault && isSpoiled(fault.response) ? fault.response : undefined;
		const injected = fault && !spoiled ? (fault.response as SimResponse) : undefined;
		try {
			response = injected ?? (await this.handler(recorded));
		} catch (error) {
			response = { status: 500, body: { error: 'simulator_error', message: String(error) } };
		}
		if (!injected) this.onHandled?.(recorded, response);
		if (spoiled?.spoil === 'reset') {
			req.socket.destroy();
			return;
		}
		const delayMs = spoiled?.spoil === 'late' ? spoiled.delayMs : response.delayMs;
		if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
		const isText = typeof response.body === 'string';
		const payload =
			spoiled?.spoil === 'notJson'
				? spoiled.body
				: response.body === undefined
					? ''
					: isText
						? (response.body as string)
						: JSON.stringify(response.body);
		const headers: Record<string, string> = {
			'Content-Type': isText && spoiled?.spoil !== 'notJson' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
			...response.headers,
		};
		if (spoiled?.spoil === 'truncate') {
			const bytes = Buffer.from(payload, 'utf8');
			res.writeHead(response.status, { ...headers, 'Content-Length': String(bytes.length) });
			res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => req.socket.destroy());
			return;
		}
		res.writeHead(response.status, headers);
		res.end(payload);
	}
}

/** Reads a header that may arrive as a string or string[]. */
export function header(req: RecordedRequest, name: string): string | undefined {
	const value = req.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}
