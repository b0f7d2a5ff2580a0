/** The simulator server's spoiled-answer faults and `onHandled`, which the fault suite relies on. */
import http from 'node:http';

import { SimulatorServer, type SimResponse } from '../../tooling/simulators/server';

let server: SimulatorServer;
let origin: string;
let handled: number;
const seen: number[] = [];

beforeAll(async () => {
	server = new SimulatorServer(() => {
		handled++;
		return { status: 201, body: { id: handled, text: 'x'.repeat(200) } };
	});
	server.onHandled = (_req, response: SimResponse) => seen.push(response.status);
	origin = await server.start();
});

afterAll(async () => {
	await server.stop();
});

beforeEach(() => {
	handled = 0;
	seen.length = 0;
	server.clearFaults();
});

/** A raw request: status, content type and body as received, or the socket error's code. */
function send(): Promise<{ status?: number; type?: string; body: string; error?: string; ms: number }> {
	const started = Date.now();
	return new Promise((resolve) => {
		const req = http.request(`${origin}/jobs`, { method: 'POST' }, (res) => {
			let body = '';
			res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
			res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body, ms: Date.now() - started }));
			res.on('error', (error: NodeJS.ErrnoException) => resolve({ status: res.statusCode, body, error: error.code ?? error.message, ms: Date.now() - started }));
			res.on('aborted', () => resolve({ status: res.statusCode, body, error: 'aborted', ms: Date.now() - started }));
		});
		req.on('error', (error: NodeJS.ErrnoException) => resolve({ body: '', error: error.code, ms: Date.now() - started }));
		req.end('{}');
	});
}

it('a reset after handling applies the write and drops the answer', async () => {
	server.injectFault({ method: 'POST' }, { spoil: 'reset' });
	expect(await send()).toMatchObject({ error: 'ECONNRESET', body: '' });
	expect(handled).toBe(1);
	expect(seen).toEqual([201]);
});

it('a truncated answer has the real status and half of the body', async () => {
	server.injectFault({ method: 'POST' }, { spoil: 'truncate' });
	const answer = await send();
	expect(answer.status).toBe(201);
	expect(answer.error).toBeDefined();
	const full = JSON.stringify({ id: 1, text: 'x'.repeat(200) });
	expect(answer.body).toBe(full.slice(0, Math.floor(full.length / 2)));
	expect(handled).toBe(1);
});

it('a late answer comes whole after the delay', async () => {
	server.injectFault({ method: 'POST' }, { spoil: 'late', delayMs: 250 });
	const answer = await send();
	expect(answer).toMatchObject({ status: 201 });
	expect(JSON.parse(answer.body)).toMatchObject({ id: 1 });
	expect(answer.ms).toBeGreaterThanOrEqual(240);
});

it('a non-JSON answer keeps the status and a JSON content type', async () => {
	server.injectFault({ method: 'POST' }, { spoil: 'notJson', body: '<html>oops</html>' });
	expect(await send()).toMatchObject({ status: 201, type: 'application/json; charset=utf-8', body: '<html>oops</html>' });
	expect(handled).toBe(1);
});

it('an injected answer replaces the handler, which never runs, and is not reported as handled', async () => {
	server.injectFault({ method: 'POST' }, { status: 503, body: { error: 'down' } });
	server.injectFault({ method: 'POST' }, 'reset');
	expect(await send()).toMatchObject({ status: 503 });
	expect(await send()).toMatchObject({ error: 'ECONNRESET' });
	expect(await send()).toMatchObject({ status: 201 });
	expect(handled).toBe(1);
	expect(seen).toEqual([201]);
});
