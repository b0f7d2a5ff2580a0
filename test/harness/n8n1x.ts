/**
 * Makes a node's `httpRequestWithAuthentication` behave like n8n 1.x's where that matters to the
 * transport, on top of the harness's n8n-core 2.x:
 *
 * - any truthy `ignoreHttpStatusErrors` ignores every status (n8n-core 1.x sets
 *   `validateStatus = () => true`; it has no `except`), so a 401 comes back as an answer and n8n
 *   does not renew the token;
 * - a thrown NodeApiError loses its `cause` (the AxiosError with the response headers), as
 *   n8n-workflow 1.x's does (see readFailure in nodes/shared/transport.ts).
 *
 * What it proves: the transport reads waits and renews tokens when the helper behaves that way,
 * through n8n-core's real request, OAuth 2 and preAuthentication code (2.x's, whose 401 renewal has
 * the same shape as 1.x's). It does not run n8n 1.x itself: test/e2e/versions.e2e.test.ts does.
 */
import { NodeApiError, type IExecuteFunctions, type IHttpRequestOptions, type INodeType } from 'n8n-workflow';

type Helper = IExecuteFunctions['helpers']['httpRequestWithAuthentication'];

/** Every options object the helper was called with, in order (to tell the 1.x re-send apart). */
export interface N8n1xCalls {
	options: IHttpRequestOptions[];
}

/** `node` with its execute() seeing an n8n 1.x-like helper; `calls` records what the helper was asked. */
export function withN8n1xHelper<T extends INodeType>(node: T, calls: N8n1xCalls = { options: [] }): T {
	const execute = node.execute;
	if (!execute) throw new Error('withN8n1xHelper needs a node with execute()');
	node.execute = async function (this: IExecuteFunctions) {
		const real: Helper = this.helpers.httpRequestWithAuthentication;
		const as1x = async function (this: IExecuteFunctions, type: string, options: IHttpRequestOptions, extra?: Parameters<Helper>[2]) {
			calls.options.push({ ...options });
			const asked: IHttpRequestOptions = options.ignoreHttpStatusErrors ? { ...options, ignoreHttpStatusErrors: true } : options;
			try {
				return (await real.call(this, type, asked, extra)) as unknown;
			} catch (error) {
				if (error instanceof NodeApiError) error.cause = undefined;
				throw error;
			}
		};
		this.helpers.httpRequestWithAuthentication = as1x as Helper;
		return await execute.call(this);
	} as T['execute'];
	return node;
}
