import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { idString, isObject, textOf } from '../../shared/json';
import { jobLabel, searchJobPages } from '../../shared/listSearch';
import { currentRecordValue, personName, type RecordEntry, searchRecordPages } from '../../shared/recordLocator';
import { STATUS_NAMES } from '../statuses';
import { provider } from '../provider';

/**
 * Jobs for the picker, newest first. Planado's list has no text search: a search text is matched
 * against the number, external IDs, description and status (see searchJobPages). The next page's
 * token is the last job's uuid (`after`).
 */
export async function searchJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchJobPages(
		{
			provider,
			readPage: async (token) => await provider.listPage(this, { from: token }),
			entry(job) {
				const status = (STATUS_NAMES as Record<string, string>)[String(job.status)] ?? String(job.status ?? '');
				return {
					name: jobLabel(job.serial_no, job.description, status),
					searchText: [job.external_id, job.external_order_id],
				};
			},
		},
		filter,
		paginationToken,
	);
}

function entryOf(item: IDataObject, name: string | undefined, searchText: unknown[] = []): RecordEntry | undefined {
	const id = idString(item.uuid);
	return id === undefined ? undefined : { id, name: name ?? id, searchText };
}

const addressOf = (value: unknown) => (isObject(value) ? textOf(value.formatted) : undefined);

/** A client as Planado shows it: the organization's or the person's name. */
export function clientLabel(client: IDataObject): string | undefined {
	const name = textOf(client.organization_name) ?? textOf(client.name) ?? personName(client.first_name, client.middle_name, client.last_name);
	const address = addressOf(client.site_address);
	return name && address ? `${name} (${address})` : (name ?? address);
}

/**
 * Clients (https://api-docs.planadoapp.com/docs/v2/resources/clients/list.html, newest first). No
 * search parameter is documented: a search text is matched here against the name, address and external ID.
 */
export async function searchClients(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchRecordPages(
		{
			readPage: async (token) => await provider.listPage(this, { path: '/clients', key: 'clients', from: token }),
			entry: (client) => entryOf(client, clientLabel(client), [client.external_id]),
		},
		filter,
		paginationToken,
	);
}

/**
 * Sites (https://api-docs.planadoapp.com/docs/v2/resources/client-sites/list.html), only the chosen
 * client's when one is chosen: the list has no client filter, so the site's `client.uuid` is compared here.
 */
export async function searchSites(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const clientUuid = currentRecordValue(this, ['additionalFields.clientUuid', 'updateFields.clientUuid', 'filters.clientUuid']);
	return await searchRecordPages(
		{
			narrowed: clientUuid !== undefined,
			readPage: async (token) => await provider.listPage(this, { path: '/sites', key: 'sites', from: token }),
			entry: (site) => {
				if (clientUuid !== undefined && (!isObject(site.client) || idString(site.client.uuid) !== clientUuid)) return undefined;
				const name = textOf(site.name);
				const address = addressOf(site.address);
				return entryOf(site, name && address ? `${name} (${address})` : (name ?? address), [site.external_id]);
			},
		},
		filter,
		paginationToken,
	);
}

/** Teams (https://api-docs.planadoapp.com/docs/v2/resources/teams.html), with their territory. */
export async function searchTeams(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchRecordPages(
		{
			readPage: async (token) => await provider.listPage(this, { path: '/teams', key: 'teams', from: token }),
			entry: (team) => {
				const territory = isObject(team.territory) ? textOf(team.territory.name) : undefined;
				const name = textOf(team.name);
				return entryOf(team, name && territory ? `${name} (${territory})` : name);
			},
		},
		filter,
		paginationToken,
	);
}

/** Job templates (https://api-docs.planadoapp.com/docs/v2/resources/job-templates.html, oldest first). */
export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchRecordPages(
		{
			readPage: async (token) => await provider.listPage(this, { path: '/templates', key: 'templates', from: token }),
			entry: (template) => entryOf(template, textOf(template.name), [template.description]),
		},
		filter,
		paginationToken,
	);
}

/** Job types by code (https://api-docs.planadoapp.com/docs/v2/resources/job-types.html). */
export async function searchJobTypes(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchRecordPages(
		{
			readPage: async (token) => await provider.listPage(this, { path: '/job_types', key: 'job_types', from: token }),
			entry: (type) => entryOf(type, textOf(type.code)),
		},
		filter,
		paginationToken,
	);
}

/** Territories by name (https://api-docs.planadoapp.com/docs/v2/resources/territories.html). */
export async function searchTerritories(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchRecordPages(
		{
			readPage: async (token) => await provider.listPage(this, { path: '/territories', key: 'territories', from: token }),
			entry: (territory) => entryOf(territory, textOf(territory.name)),
		},
		filter,
		paginationToken,
	);
}
