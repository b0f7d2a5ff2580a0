/** A minimal recording HTTP server on loopback for the harness's own tests. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
}

export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export type Route = (req: SeenRequest) => Reply | undefined;

export class TestServer {
	readonly requests: SeenRequest[] = [];

	private server: http.Server | undefined;

	private readonly queued: Array<{ path: string; reply: Reply }> = [];

	constructor(private readonly route: Route) {}

	async start(): Promise<string> {
		this.server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const url = new URL(req.url ?? '/', 'http://localhost');
				const seen: SeenRequest = {
					method: req.method ?? 'GET',
					path: url.pathname,
					query: url.searchParams,
					headers: req.headers,
					rawBody: Buffer.concat(chunks).toString('utf8'),
				};
				this.requests.push(seen);
				const index = this.queued.findIndex((q) => q.path === seen.path);
				const reply =
					index >= 0 ? this.queued.splice(index, 1)[0].reply : (this.route(seen) ?? { status: 404, body: { error: 'not found' } });
				res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
				res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
			});
		});
		await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	/** The next request to `path` gets `reply` instead of the route's answer. */
	once(path: string, reply: Reply): void {
		this.queued.push({ path, reply });
	}

	to(path: string): SeenRequest[] {
		return this.requests.filter((r) => r.path === path);
	}

	clear(): void {
		this.requests.length = 0;
		this.queued.length = 0;
	}
}

export function header(req: SeenRequest | undefined, name: string): string | undefined {
	const value = req?.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}
