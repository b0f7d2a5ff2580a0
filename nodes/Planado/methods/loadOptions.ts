import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { idString, textOf } from '../../shared/json';
import { readReferencePage } from './listSearch';

/** Pages read for one whole list, at most (Planado's reference lists come 20 or so a page). */
const MAX_PAGES = 50;

/**
 * Resolutions for the resolution filters (https://api-docs.planadoapp.com/docs/v2/resources/resolutions.html),
 * every page (https://api-docs.planadoapp.com/docs/v2/listing-resources.html: `after` until an empty page).
 */
export async function getResolutions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const resolutions: IDataObject[] = [];
	let token: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const { items, next } = await readReferencePage(this, '/resolutions', 'resolutions', token);
		resolutions.push(...items);
		if (next === undefined) break;
		token = next;
	}
	return resolutions
		.filter((resolution) => idString(resolution.uuid) !== undefined)
		.map((resolution) => ({
			name: textOf(resolution.name) ?? String(resolution.uuid),
			value: String(resolution.uuid),
			description: resolution.successful === true ? 'Successful' : 'Unsuccessful',
		}));
}
