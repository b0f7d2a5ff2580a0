import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { idString, textOf } from '../../shared/json';
import { personName } from '../../shared/recordLocator';
import { provider } from '../provider';

function toOptions(items: IDataObject[], describe?: (item: IDataObject) => string | undefined): INodePropertyOptions[] {
	return items
		.filter((item) => idString(item.id) !== undefined)
		.map((item) => ({ name: textOf(item.name) ?? String(item.id), value: String(item.id), description: describe?.(item) }));
}

/** The job pipeline's stages, in the pipeline's own order (empty when pipelines are off). */
export async function getPipelineStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const statuses = await provider.listAll(this, { path: '/pipeline/statuses', key: 'statuses', qs: { resource_type: 'job' } });
	return toOptions(statuses, (status) => (status.status_type ? `Type: ${String(status.status_type)}` : undefined));
}

export async function getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions(await provider.listAll(this, { path: '/tags', key: 'tags' })).sort((a, b) => a.name.localeCompare(b.name));
}

export async function getJobTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions(await provider.listAll(this, { path: '/job_fields/job_types', key: 'job_types' })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Active employees (pros) for the employee multi-selects, by name, with their role and email. */
export async function getEmployees(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const employees = await provider.listAll(this, { path: '/employees', key: 'employees' });
	return employees
		.filter((employee) => idString(employee.id) !== undefined)
		.map((employee) => ({
			name: personName(employee.first_name, employee.last_name) ?? textOf(employee.email) ?? String(employee.id),
			value: String(employee.id),
			description: [textOf(employee.role), textOf(employee.email)].filter(Boolean).join(', ') || undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
