/**
 * A loopback HTTP server that plays n8n's webhook server for one webhook trigger of the harness:
 * it keeps the raw body and parses JSON as n8n does (`req.rawBody`, `req.body`), runs the node's
 * `webhook()` through n8n-core's `WebhookContext`, and answers the way n8n's `executeWebhook` does
 * for response mode "onReceived": what the node wrote itself when it returns `noWebhookResponse`,
 * 200 with `webhookResponse` (or "Webhook call received") when it starts nothing, 200 "Workflow was
 * started" when it returns `workflowData` (recorded as an execution here), 500 when it throws.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INodeExecutionData } from 'n8n-workflow';

import type { WebhookResponseLike, WebhookTrigger } from './engine';

export interface WebhookServer {
	/** The URL prefix n8n would serve production webhooks under (pass as `webhookBaseUrl`). */
	baseUrl: string;
	/** The items of every execution the trigger started, in order. */
	executions: INodeExecutionData[][];
	/** Errors `webhook()` threw (n8n answers 500 and records an error execution). */
	errors: unknown[];
	/** Set once the trigger exists (its URL is built from `baseUrl`). */
	serve(trigger: WebhookTrigger): void;
	stop(): Promise<void>;
}

function responseFor(res: http.ServerResponse): WebhookResponseLike & { sent: () => boolean } {
	const like = {
		status(code: number) {
			res.statusCode = code;
			return like;
		},
		json(body: unknown) {
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify(body));
			return like;
		},
		end(body?: string) {
			res.end(body);
			return like;
		},
		sent: () => res.writableEnded,
	};
	return like;
}

export async function startWebhookServer(): Promise<WebhookServer> {
	let trigger: WebhookTrigger | undefined;
	const executions: INodeExecutionData[][] = [];
	const errors: unknown[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			void (async () => {
				const rawBody = Buffer.concat(chunks);
				const send = (status: number, body: unknown) => {
					res.statusCode = status;
					res.setHeader('content-type', 'application/json');
					res.end(JSON.stringify(body));
				};
				if (!trigger || req.url !== new URL(trigger.url).pathname) return send(404, { message: 'webhook not registered' });
				let body: unknown = {};
				try {
					body = rawBody.length ? JSON.parse(rawBody.toString('utf8')) : {};
				} catch {
					return send(400, { message: 'not JSON' });
				}
				const response = responseFor(res);
				try {
					const result = await trigger.receive({ headers: req.headers, body, rawBody }, response);
					if (result.noWebhookResponse) {
						if (!response.sent()) res.end();
						return;
					}
					if (result.workflowData) {
						executions.push(result.workflowData[0] ?? []);
						return send(200, { message: 'Workflow was started' });
					}
					return send(200, result.webhookResponse ?? { message: 'Webhook call received' });
				} catch (error) {
					errors.push(error);
					return send(500, { message: 'Error in workflow' });
				}
			})();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/webhook`,
		executions,
		errors,
		serve: (t) => {
			trigger = t;
		},
		stop: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
