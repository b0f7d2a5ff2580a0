/** `n8n start` in the background, with its owner set up for REST calls. */
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';

import { freePort, processEnv } from './home';
import { tail } from './process';
import { TIMEOUTS, type N8nHome } from './types';

export interface StartN8nOptions {
	/** HTTP port (default: a free port). */
	port?: number;
	owner?: { email: string; password: string; firstName?: string; lastName?: string };
	timeoutMs?: number;
	env?: Record<string, string>;
}

export interface RunningN8n {
	baseUrl: string;
	port: number;
	owner: { email: string; password: string };
	/** `n8n-auth` cookie of the owner, for REST calls (`Cookie` header). */
	authCookie: string;
	/** Everything n8n printed so far. */
	output(): string;
	/** Process id of `n8n start`, the leader of its own process group (its task runners are in it). */
	pid: number | undefined;
	stop(): Promise<void>;
	/** SIGKILL to its whole process group, as a crash would; resolves once it has exited. */
	kill(): Promise<void>;
}

interface HttpResponse {
	status: number;
	body: string;
	setCookie: string[];
}

function httpCall(
	url: string,
	method: string,
	body?: unknown,
	headers: Record<string, string> = {},
): Promise<HttpResponse> {
	return new Promise<HttpResponse>((resolvePromise, reject) => {
		const payload = body === undefined ? undefined : JSON.stringify(body);
		const req = httpRequest(
			url,
			{
				method,
				timeout: 15_000,
				headers: {
					...headers,
					...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}),
				},
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () =>
					resolvePromise({ status: res.statusCode ?? 0, body: text, setCookie: res.headers['set-cookie'] ?? [] }),
				);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`${method} ${url}: timed out`)));
		req.on('error', reject);
		if (payload) req.write(payload);
		req.end();
	});
}

function authCookieFrom(response: HttpResponse): string | undefined {
	for (const header of response.setCookie) {
		const first = header.split(';')[0];
		if (first.startsWith('n8n-auth=')) return first;
	}
	return undefined;
}

/**
 * `n8n start` in the background: waits for `/healthz`, then sets up the owner through
 * `POST /rest/owner/setup` (or logs in through `POST /rest/login` when this home already has one).
 */
export async function startN8n(home: N8nHome, opts: StartN8nOptions = {}): Promise<RunningN8n> {
	const port = opts.port ?? (await freePort());
	const owner = {
		email: opts.owner?.email ?? 'owner@example.com',
		password: opts.owner?.password ?? 'E2e-Owner-Password-1',
		firstName: opts.owner?.firstName ?? 'E2E',
		lastName: opts.owner?.lastName ?? 'Owner',
	};
	const baseUrl = `http://127.0.0.1:${port}`;
	const child = spawn(home.bins.nodeBin, [home.bins.n8nBin, 'start'], {
		cwd: home.root,
		env: await processEnv(home, {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${baseUrl}/`,
			WEBHOOK_URL: `${baseUrl}/`,
			N8N_SECURE_COOKIE: 'false',
			...(opts.env ?? {}),
		}),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
	child.stdout.setEncoding('utf8');
	child.stderr.setEncoding('utf8');
	child.stdout.on('data', (chunk: string) => (output += chunk));
	child.stderr.on('data', (chunk: string) => (output += chunk));
	const exitPromise = new Promise<void>((resolveExit) => {
		child.on('close', (code, signal) => {
			exited = { code, signal };
			resolveExit();
		});
	});
	const killGroup = (signal: NodeJS.Signals): void => {
		if (child.pid === undefined) return;
		try {
			process.kill(-child.pid, signal);
		} catch {
			// gone
		}
	};
	const stop = async (): Promise<void> => {
		if (exited) return;
		killGroup('SIGTERM');
		const timer = setTimeout(() => killGroup('SIGKILL'), 20_000);
		await exitPromise;
		clearTimeout(timer);
		killGroup('SIGKILL');
	};

	const kill = async (): Promise<void> => {
		killGroup('SIGKILL');
		await exitPromise;
	};

	try {
		const deadline = Date.now() + (opts.timeoutMs ?? TIMEOUTS.start);
		for (;;) {
			if (exited) {
				throw new Error(`n8n start exited early (code ${String(exited.code)}):\n${tail(output)}`);
			}
			if (Date.now() > deadline) {
				throw new Error(`n8n start: /healthz not ready after ${opts.timeoutMs ?? TIMEOUTS.start} ms:\n${tail(output)}`);
			}
			const health = await httpCall(`${baseUrl}/healthz/readiness`, 'GET').catch(() => undefined);
			if (health?.status === 200) break;
			await new Promise((r) => setTimeout(r, 500));
		}
		let authCookie: string | undefined;
		const setup = await httpCall(`${baseUrl}/rest/owner/setup`, 'POST', owner);
		if (setup.status === 200) {
			authCookie = authCookieFrom(setup);
		} else if (setup.status === 400 && setup.body.includes('already setup')) {
			const login = await httpCall(`${baseUrl}/rest/login`, 'POST', {
				emailOrLdapLoginId: owner.email,
				password: owner.password,
			});
			if (login.status !== 200) {
				throw new Error(`n8n: owner exists but login failed (${login.status}): ${login.body}`);
			}
			authCookie = authCookieFrom(login);
		} else {
			throw new Error(`n8n: POST /rest/owner/setup failed (${setup.status}): ${setup.body}`);
		}
		if (!authCookie) throw new Error('n8n: no n8n-auth cookie after owner setup/login');
		return {
			baseUrl,
			port,
			owner: { email: owner.email, password: owner.password },
			authCookie,
			output: () => output,
			pid: child.pid,
			stop,
			kill,
		};
	} catch (error: unknown) {
		await stop();
		throw error;
	}
}

/** What the editor sends to load a list of a node's parameter (`/rest/dynamic-node-parameters/…`). */
export interface ParameterListRequest {
	/** Node type, e.g. `n8n-nodes-field-service.housecallPro`. */
	nodeType: string;
	nodeVersion?: number;
	/** The `listSearch` or `loadOptions` method. */
	methodName: string;
	/** The parameter's path, e.g. `parameters.customerId` or `parameters.filters.employeeIds`. */
	path: string;
	/** The node's parameters as the editor holds them (a dependent list reads its parent here). */
	currentNodeParameters: Record<string, unknown>;
	/** `{ <credential type>: { id, name } }`. */
	credentials: Record<string, { id: string; name: string }>;
}

function listPayload(request: ParameterListRequest): Record<string, unknown> {
	return {
		nodeTypeAndVersion: { name: request.nodeType, version: request.nodeVersion ?? 1 },
		methodName: request.methodName,
		path: request.path,
		currentNodeParameters: request.currentNodeParameters,
		credentials: request.credentials,
	};
}

async function postJson(server: RunningN8n, path: string, body: unknown): Promise<unknown> {
	const response = await httpCall(`${server.baseUrl}${path}`, 'POST', body, { Cookie: server.authCookie, Accept: 'application/json' });
	if (response.status < 200 || response.status >= 300) throw new Error(`POST ${path}: HTTP ${response.status}: ${response.body.slice(0, 500)}`);
	return (JSON.parse(response.body) as { data: unknown }).data;
}

/** A resource locator's "From list" page, as the editor loads it (`POST …/resource-locator-results`). */
export async function loadResourceLocatorList(
	server: RunningN8n,
	request: ParameterListRequest & { filter?: string; paginationToken?: string },
): Promise<{ results: Array<{ name: string; value: string | number; url?: string }>; paginationToken?: string | number }> {
	const body = { ...listPayload(request), filter: request.filter, paginationToken: request.paginationToken };
	return (await postJson(server, '/rest/dynamic-node-parameters/resource-locator-results', body)) as {
		results: Array<{ name: string; value: string | number; url?: string }>;
		paginationToken?: string | number;
	};
}

/** An options or multi-options list, as the editor loads it (`POST …/options`). */
export async function loadOptionsList(server: RunningN8n, request: ParameterListRequest): Promise<Array<{ name: string; value: string | number; description?: string }>> {
	return (await postJson(server, '/rest/dynamic-node-parameters/options', listPayload(request))) as Array<{ name: string; value: string | number; description?: string }>;
}
