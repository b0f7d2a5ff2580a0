/**
 * What a user does to an active trigger workflow, through n8n's REST API as the editor does it:
 * edit and publish again (n8n activates the new version in mode 'update'), and deactivate, later
 * activate (mode 'activate').
 */
import { activateWorkflow, restCall, type RunningN8n } from '../n8n';

interface StoredWorkflow {
	name: string;
	nodes: Array<{ position: [number, number] } & Record<string, unknown>>;
	connections: unknown;
	settings?: unknown;
	staticData?: unknown;
	versionId: string;
}

/** The workflow as the editor loads it (with its static data of that moment). */
export async function openInEditor(main: RunningN8n, workflowId: string): Promise<StoredWorkflow> {
	return (await restCall(main, 'GET', `/rest/workflows/${encodeURIComponent(workflowId)}`)) as StoredWorkflow;
}

/**
 * Saves `opened` with its nodes moved (a new version), as an editor opened at that moment would,
 * and publishes that version.
 */
export async function editAndPublish(main: RunningN8n, workflowId: string, opened: StoredWorkflow): Promise<void> {
	const body = {
		name: opened.name,
		nodes: opened.nodes.map((node) => ({ ...node, position: [node.position[0] + 20, node.position[1]] })),
		connections: opened.connections,
		settings: opened.settings,
		staticData: opened.staticData,
		versionId: opened.versionId,
	};
	const response = await fetch(`${main.baseUrl}/rest/workflows/${encodeURIComponent(workflowId)}`, {
		method: 'PATCH',
		headers: { Cookie: main.authCookie, 'Content-Type': 'application/json', Accept: 'application/json' },
		body: JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`PATCH workflow ${workflowId}: HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
	await activateWorkflow(main, workflowId);
}

export async function deactivate(main: RunningN8n, workflowId: string): Promise<void> {
	await restCall(main, 'POST', `/rest/workflows/${encodeURIComponent(workflowId)}/deactivate`, {});
}
