import { NodeOperationError, type ILoadOptionsFunctions, type INodeListSearchResult } from 'n8n-workflow';

import { isObject, textOf } from '../../shared/json';
import { jobLabel, searchJobPages } from '../../shared/listSearch';
import { currentRecordValue, personName, searchRecordPages } from '../../shared/recordLocator';
import { idOf, provider } from '../provider';

/** Jobs for the picker, most recently changed first, searched by title on Accelo's side (`_search`). */
export async function searchJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchJobPages(
		{
			provider,
			searchesItself: true,
			readPage: async (token, search) =>
				await provider.listPage(this, {
					qs: { _fields: 'title,standing', _filters: 'order_by_desc(date_modified)', ...(search ? { _search: search } : {}) },
					from: token,
				}),
			entry: (job, id) => ({ name: jobLabel(id, job.title, job.standing) }),
		},
		filter,
		paginationToken,
	);
}

/**
 * Companies by name, searched by Accelo (`_search` over name, website, phone and fax:
 * https://api.accelo.com/docs/#list-companies). For Against ID / Against: a site is given by ID.
 */
export async function searchCompanies(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const againstType = currentRecordValue(this, ['againstType', 'updateFields.engagementTable']);
	if (againstType !== undefined && againstType !== 'company') {
		throw new NodeOperationError(this.getNode(), 'The list shows companies: give a site by its ID', {
			description: "Choose 'By ID' and enter the site's ID, or set the type to Company.",
		});
	}
	return await searchRecordPages(
		{
			searchesItself: true,
			readPage: async (token, search) =>
				await provider.listPage(this, {
					path: '/companies',
					qs: { _fields: 'name,website,standing', _filters: 'order_by_asc(name)', ...(search ? { _search: search } : {}) },
					from: token,
				}),
			entry: (company) => {
				const id = idOf(company);
				if (id === undefined) return undefined;
				const extra = [textOf(company.website), company.standing === 'inactive' ? 'inactive' : undefined].filter(Boolean).join(', ');
				return { id, name: `${textOf(company.name) ?? id}${extra ? ` (${extra})` : ''}` };
			},
		},
		filter,
		paginationToken,
	);
}

/**
 * Active staff by name (https://api.accelo.com/docs/#list-staff). Accelo documents no `_search` for
 * staff: a search text is matched here against the name and email.
 */
export async function searchStaff(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchRecordPages(
		{
			readPage: async (token) => await provider.listPage(this, {
					path: '/staff',
					qs: { _fields: 'firstname,surname,email,title', _filters: 'standing(active),order_by_asc(firstname)' },
					from: token,
				}),
			entry: (staff) => {
				const id = idOf(staff);
				if (id === undefined) return undefined;
				const name = personName(staff.firstname, staff.surname) ?? id;
				const email = textOf(staff.email);
				return { id, name: email ? `${name} (${email})` : name, searchText: [staff.title] };
			},
		},
		filter,
		paginationToken,
	);
}

/**
 * Affiliations (a contact at a company) by name, searched by Accelo (`_search` over names, email and
 * phones: https://api.accelo.com/docs/#list-affiliations). With a company as Against, only its
 * affiliations (`company` filter).
 */
export async function searchAffiliations(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const againstType = currentRecordValue(this, ['againstType', 'updateFields.engagementTable']) ?? 'company';
	const company = againstType === 'company' ? currentRecordValue(this, ['againstId', 'updateFields.engagementId']) : undefined;
	const companyFilter = company !== undefined && /^\d+$/.test(company.trim()) ? `company(${company.trim()}),` : '';
	return await searchRecordPages(
		{
			searchesItself: true,
			readPage: async (token, search) =>
				await provider.listPage(this, {
					path: '/affiliations',
					qs: {
						_fields: 'position,email,standing,contact(firstname,surname),company(name)',
						_filters: `${companyFilter}order_by_asc(fullname)`,
						...(search ? { _search: search } : {}),
					},
					from: token,
				}),
			entry: (affiliation) => {
				const id = idOf(affiliation);
				if (id === undefined) return undefined;
				const contact = isObject(affiliation.contact) ? personName(affiliation.contact.firstname, affiliation.contact.surname) : undefined;
				const companyName = isObject(affiliation.company) ? textOf(affiliation.company.name) : undefined;
				const name = [contact ?? textOf(affiliation.email) ?? id, companyName].filter(Boolean).join(', ');
				const extra = [textOf(affiliation.position), affiliation.standing === 'inactive' ? 'inactive' : undefined].filter(Boolean).join(', ');
				return { id, name: extra ? `${name} (${extra})` : name };
			},
		},
		filter,
		paginationToken,
	);
}

/** Contracts (retainers) by title, searched by Accelo (`_search` over title: https://api.accelo.com/docs/#list-contracts). */
export async function searchContracts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchRecordPages(
		{
			searchesItself: true,
			readPage: async (token, search) =>
				await provider.listPage(this, {
					path: '/contracts',
					qs: { _fields: 'title,standing', _filters: 'order_by_asc(title)', ...(search ? { _search: search } : {}) },
					from: token,
				}),
			entry: (contract) => {
				const id = idOf(contract);
				if (id === undefined) return undefined;
				const standing = textOf(contract.standing);
				const title = textOf(contract.title) ?? id;
				return { id, name: standing && standing !== 'active' ? `${title} (${standing})` : title };
			},
		},
		filter,
		paginationToken,
	);
}

/**
 * Rates with their hourly charge (https://api.accelo.com/docs/#list-rates). Accelo documents no
 * search or filter for rates: a search text is matched here against the title.
 */
export async function searchRates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchRecordPages(
		{
			readPage: async (token) => await provider.listPage(this, { path: '/rates', qs: { _fields: 'title,charged,standing' }, from: token }),
			entry: (rate) => {
				const id = idOf(rate);
				if (id === undefined) return undefined;
				const extra = [textOf(rate.charged) ? `${textOf(rate.charged)}/h` : undefined, rate.standing === 'inactive' ? 'inactive' : undefined].filter(Boolean).join(', ');
				const title = textOf(rate.title) ?? id;
				return { id, name: extra ? `${title} (${extra})` : title };
			},
		},
		filter,
		paginationToken,
	);
}
