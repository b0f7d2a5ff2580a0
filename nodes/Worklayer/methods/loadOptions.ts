import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { idString } from '../../shared/json';
import { listAll } from '../transport';

/** Workspace members (`GET /members`), by name; the API client's own machine member is left out. */
export async function getMembers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { items } = await listAll.call(this, '/members', (m) => idString(m.user_id));
	return items
		.filter((member) => member.type !== 'MACHINE')
		.map((member) => {
			const name = [member.given_name, member.family_name].filter((part) => typeof part === 'string' && part).join(' ');
			const id = idString(member.user_id) ?? '';
			return {
				name: name || id,
				value: id,
				description: [member.type, member.email].filter((part) => typeof part === 'string' && part).join(', ') || undefined,
			};
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Job templates (`GET /job-templates`), by name. */
export async function getJobTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { items } = await listAll.call(this, '/job-templates', (t) => idString(t.id));
	return items
		.map((template) => ({
			name: String(template.name ?? template.id),
			value: idString(template.id) ?? '',
			description: typeof template.description === 'string' ? template.description : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
