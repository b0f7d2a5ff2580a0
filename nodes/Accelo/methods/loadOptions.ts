import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { textOf } from '../../shared/json';
import { personName } from '../../shared/recordLocator';
import { idOf, provider } from '../provider';

/** The deployment's job statuses, in Accelo's own order. */
export async function getStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const items = await provider.listAll(this, { path: '/jobs/statuses', qs: { _fields: 'title,standing,ordering' } });
	return items
		.sort((a, b) => Number(a.ordering ?? 0) - Number(b.ordering ?? 0))
		.map((status) => ({
			name: `${String(status.title ?? idOf(status))}`,
			value: idOf(status) ?? '',
			description: status.standing ? `Standing: ${String(status.standing)}` : undefined,
		}));
}

/** Active job types. */
export async function getJobTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const items = await provider.listAll(this, { path: '/jobs/types', qs: { _fields: 'title,standing', _filters: 'standing(active)' } });
	return items
		.map((type) => ({ name: String(type.title ?? idOf(type)), value: idOf(type) ?? '' }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Active staff for the Manager multi-select, by name. */
export async function getStaff(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const items = await provider.listAll(this, { path: '/staff', qs: { _fields: 'firstname,surname,email', _filters: 'standing(active)' } });
	return items
		.map((staff) => ({
			name: personName(staff.firstname, staff.surname) ?? String(idOf(staff)),
			value: idOf(staff) ?? '',
			description: textOf(staff.email),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
