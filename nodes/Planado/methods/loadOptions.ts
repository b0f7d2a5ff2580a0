import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { idString, textOf } from '../../shared/json';
import { provider } from '../provider';

/**
 * Every page of a reference list (https://api-docs.planadoapp.com/docs/v2/listing-resources.html:
 * `after` until an empty page), records without a uuid left out.
 */
async function readAll(ctx: ILoadOptionsFunctions, path: string, key: string): Promise<IDataObject[]> {
	return (await provider.listAll(ctx, { path, key })).filter((item) => idString(item.uuid) !== undefined);
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
