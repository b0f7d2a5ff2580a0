/**
 * Planado's webhook subscriptions (https://api-docs.planadoapp.com/docs/v2/webhooks.html and
 * https://api-docs.planadoapp.com/docs/v2/resources/webhooks/list.html): `GET /v2/webhooks` lists
 * `{ webhooks: [{ uuid, url, event_types[], secret }] }`, and `secret` is "passed in
 * X-Planado-Secret header" of every delivery, as is (not an HMAC). The list page is the only
 * webhook resource page found; creating one as `POST /v2/webhooks { url, event_types, secret }` and
 * deleting it as `DELETE /v2/webhooks/{uuid}` follow the list's fields and the API's REST pattern
 * for jobs. The answer to the create is read defensively (`{ webhook: {...} }` or the object
 * itself), and the list is read again when it names no uuid.
 */
import type { IDataObject } from 'n8n-workflow';

import { idString, isObject, objectsOf } from '../shared/json';
import type { RequestContext } from '../shared/transport';
import { provider } from './provider';

interface PlanadoWebhook extends IDataObject {
	uuid?: string;
	url?: string;
	event_types?: string[];
	secret?: string | null;
}

interface PlanadoWebhookList {
	webhooks?: unknown;
}

export async function listWebhooks(ctx: RequestContext): Promise<PlanadoWebhook[]> {
	const body = await provider.request(ctx, { method: 'GET', path: '/webhooks' });
	return objectsOf(isObject(body) ? (body as PlanadoWebhookList).webhooks : undefined) as PlanadoWebhook[];
}

/** Creates a subscription; resolves to its uuid. A create is never sent twice (see shared/transport). */
export async function createWebhook(ctx: RequestContext, url: string, eventTypes: string[], secret: string): Promise<string | undefined> {
	const body = await provider.request(ctx, { method: 'POST', path: '/webhooks', body: { url, event_types: eventTypes, secret } });
	const created = isObject(body) && isObject(body.webhook) ? body.webhook : body;
	const uuid = isObject(created) ? idString(created.uuid) : undefined;
	if (uuid) return uuid;
	return (await listWebhooks(ctx)).find((webhook) => webhook.url === url)?.uuid;
}

export async function deleteWebhook(ctx: RequestContext, uuid: string): Promise<void> {
	await provider.request(ctx, { method: 'DELETE', path: `/webhooks/${encodeURIComponent(uuid)}` });
}
