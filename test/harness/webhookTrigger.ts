/** A webhook trigger of an active workflow in the harness. */
import { HookContext, WebhookContext } from 'n8n-core';
import { UserError } from 'n8n-workflow';
import type { IDataObject, IWebhookData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import type { WebhookTriggerArgs, WebhookTrigger } from './types';
import { BASE_URL, WORKFLOW_ID, plain } from './util';
import type { Harness } from './engine';

/** Webhook triggers made in this test file so far (each gets a node id of its own). */
let webhookTriggers = 0;

/**
 * A webhook trigger of an active workflow: its activation hooks run through n8n-core's
 * `HookContext` and its deliveries through `WebhookContext`, on one workflow whose static data
 * persists between calls (n8n saves it after each production webhook call).
 */
export function webhookTriggerOf(harness: Harness, args: WebhookTriggerArgs): WebhookTrigger {
	// A node id of its own: a trigger's in-process memory of deliveries is per workflow and node.
	webhookTriggers += 1;
	const node = { ...harness.buildNode(args), id: `harness-webhook-node-${webhookTriggers}`, webhookId: 'harness-webhook-id' };
	const workflow = harness.workflowFor(node, args.staticData);
	const workflowNode = workflow.getNode(node.name);
	if (!workflowNode) throw new Error('webhook node missing');
	const nodeType = harness.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const description = nodeType.description.webhooks?.[0];
	if (!description) throw new UserError(`Node type "${node.type}" has no webhook`);
	const base = args.webhookBaseUrl ?? `${BASE_URL}/webhook`;
	const withBase = (data: IWorkflowExecuteAdditionalData): IWorkflowExecuteAdditionalData => ({ ...data, webhookBaseUrl: base });
	const path = String(description.path);
	const url = `${base}/${node.webhookId}/${path}`;
	const staticKey = `node:${workflowNode.name}`;
	const webhookData = (additionalData: IWorkflowExecuteAdditionalData): IWebhookData => ({
		httpMethod: 'POST',
		node: workflowNode.name,
		path: `${node.webhookId}/${path}`,
		webhookDescription: description,
		workflowId: WORKFLOW_ID,
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
	});
	return {
		node: workflowNode,
		url,
		hook: async (method) => {
			const fn = nodeType.webhookMethods?.default?.[method];
			if (!fn) throw new UserError(`Node type "${node.type}" has no webhook method ${method}`);
			const additionalData = withBase(harness.additionalData(harness.hooksFor('trigger', harness.nextExecutionId(), [workflowNode])));
			const context = new HookContext(workflow, workflowNode, additionalData, 'trigger', 'activate', webhookData(additionalData));
			return await fn.call(context);
		},
		receive: async (request, response) => {
			if (!nodeType.webhook) throw new UserError(`Node type "${node.type}" has no webhook()`);
			const additionalData = withBase(harness.additionalData(harness.hooksFor('webhook', harness.nextExecutionId(), [workflowNode])));
			const full = { query: {}, params: {}, ...request };
			Object.assign(additionalData, { httpRequest: full, httpResponse: response });
			const context = new WebhookContext(workflow, workflowNode, additionalData, 'webhook', webhookData(additionalData), [], null);
			return await nodeType.webhook.call(context);
		},
		staticData: () => plain((workflow.staticData[staticKey] as IDataObject | undefined) ?? {}),
	};
}
