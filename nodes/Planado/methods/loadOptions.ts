import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { idString, textOf } from '../../shared/json';
import { readReferencePage } from './listSearch';

/** Pages read for one whole list, at most (Planado's reference lists come 20 or so a page). */
const MAX_PAGES = 50;

/**
 * Every page of a reference list (https://api-docs.planadoapp.com/docs/v2/listing-resources.html:
 * `after` until an empty page).
 */
async function readAll(ctx: ILoadOptionsFunctions, path: string, key: string): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	let token: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const read = await readReferencePage(ctx, path, key, token);
		items.push(...read.items);
		if (read.next === undefined) break;
		token = read.next;
	}
	return items.filter((item) => idString(item.uuid) !== undefined);
}

/** Resolutions for the resolution filters (https://api-docs.planadoapp.com/docs/v2/resources/resolutions.html). */
export async function getResolutions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await readAll(this, '/resolutions', 'resolutions')).map((resolution) => ({
		name: textOf(resolution.name) ?? String(resolution.uuid),
		value: String(resolution.uuid),
		description: resolution.successful === true ? 'Successful' : 'Unsuccessful',
	}));
}

/** Skills for a job's Skills, by name (https://api-docs.planadoapp.com/docs/v2/listing-resources.html lists them). */
export async function getSkills(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await readAll(this, '/skills', 'skills'))
		.map((skill) => ({ name: textOf(skill.name) ?? String(skill.uuid), value: String(skill.uuid) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
