/**
 * A small loopback HTTP server that the provider simulators are built on. It records every request
 * (so tests can count and inspect what the node sent), parses bracketed query strings the way Rails
 * and Rack do, and lets a test inject faults (429, 5xx, connection resets, slow answers) for the next
 * N matching requests.
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

export interface FaultMatch {
	method?: string;
	path?: string | RegExp;
}

interface Fault {
	match: FaultMatch;
	response: SimResponse | 'reset';
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

	/** The next `times` requests matching `match` get `response` (or a connection reset) instead. */
	injectFault(match: FaultMatch, response: SimResponse | 'reset', times = 1): void {
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
		this.requests.push(recorded);
		this.onRequest?.(recorded);
		let response: SimResponse;
		const fault = this.takeFault(recorded);
		if (fault?.response === 'reset') {
			req.socket.destroy();
			return;
		}
		try {
			response = fault ? fault.response : await this.handler(recorded);
		} catch (error) {
			response = { status: 500, body: { error: 'simulator_error', message: String(error) } };
		}
		if (response.delayMs) await new Promise((resolve) => setTimeout(resolve, response.delayMs));
		const isText = typeof response.body === 'string';
		const payload = response.body === undefined ? '' : isText ? (response.body as string) : JSON.stringify(response.body);
		res.writeHead(response.status, {
			'Content-Type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
			...response.headers,
		});
		res.end(payload);
	}
}

/** Reads a header that may arrive as a string or string[]. */
export function header(req: RecordedRequest, name: string): string | undefined {
	const value = req.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}
