import { NodeOperationError, type IDataObject, type ILoadOptionsFunctions, type INodeListSearchResult } from 'n8n-workflow';

import { idString, isObject, textOf } from '../../shared/json';
import { jobLabel, searchJobPages } from '../../shared/listSearch';
import { currentRecordValue, personName, searchRecordPages } from '../../shared/recordLocator';
import { MAX_PAGE_SIZE, provider } from '../provider';

function customerName(job: IDataObject): string | undefined {
	const customer = isObject(job.customer) ? job.customer : {};
	const person = [textOf(customer.first_name), textOf(customer.last_name)].filter(Boolean).join(' ');
	return textOf(customer.company) ?? (person || undefined);
}

function label(job: IDataObject, id: string): string {
	const what = textOf(job.description) ?? textOf(job.name);
	return jobLabel(textOf(job.invoice_number) ?? id, [customerName(job), what].filter(Boolean).join(' · '), textOf(job.work_status));
}

/**
 * Jobs for the picker, most recently updated first. The API has no text search: a search text is
 * matched against the invoice number, ID, customer, address and description (see searchJobPages).
 */
export async function searchJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchJobPages(
		{
			provider,
			readPage: async (token, search) =>
				await provider.listPage(this, { qs: { sort_by: 'updated_at', sort_direction: 'desc' }, size: search ? MAX_PAGE_SIZE : 50, from: token }),
			entry: (job, id) => ({
				name: label(job, id),
				searchText: [isObject(job.address) ? [job.address.street, job.address.city].join(' ') : '', job.name],
				url: `https://pro.housecallpro.com/app/jobs/${encodeURIComponent(id)}`,
			}),
		},
		filter,
		paginationToken,
	);
}

/** Records per page of the customer and address pickers (the API's default is 10; no maximum is documented). */
const RECORD_PAGE_SIZE = 50;

/** A customer as a person knows them: company or name, then email or phone. */
export function customerLabel(customer: IDataObject): string {
	const name = textOf(customer.company) ?? personName(customer.first_name, customer.last_name) ?? String(customer.id);
	const reach = textOf(customer.email) ?? textOf(customer.mobile_number);
	return reach ? `${name} (${reach})` : name;
}

/**
 * Customers for the Customer pickers, newest first, searched by Housecall Pro itself (`q`: "name,
 * email, mobile number and address", https://docs.housecallpro.com/docs/housecall-public-api "Get Customers").
 */
export async function searchCustomers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchRecordPages(
		{
			searchesItself: true,
			readPage: async (token, search) => await provider.listPage(this, { path: '/customers', key: 'customers', qs: search ? { q: search } : {}, size: RECORD_PAGE_SIZE, from: token }),
			entry: (customer) => {
				const id = idString(customer.id);
				return id === undefined ? undefined : { id, name: customerLabel(customer) };
			},
		},
		filter,
		paginationToken,
	);
}

/** An address as one line: street, city, state and zip, and its type (service or billing). */
export function addressLabel(address: IDataObject): string {
	const place = [address.street, address.street_line_2, address.city, [address.state, address.zip].filter(Boolean).join(' ')]
		.map((part) => textOf(part))
		.filter(Boolean)
		.join(', ');
	const type = textOf(address.type);
	return `${place || String(address.id)}${type ? ` (${type})` : ''}`;
}

/**
 * The chosen customer's addresses (`GET /customers/{customer_id}/addresses`, "Get Customer
 * Addresses"). The API has no text search: a search text is matched against the address here.
 */
export async function searchCustomerAddresses(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const customerId = currentRecordValue(this, ['customerId']);
	if (customerId === undefined) {
		throw new NodeOperationError(this.getNode(), 'Choose the customer first', {
			description: "The list shows the chosen customer's addresses.",
		});
	}
	return await searchRecordPages(
		{
			readPage: async (token) => await provider.listPage(this, { path: `/customers/${encodeURIComponent(customerId)}/addresses`, key: 'addresses', size: RECORD_PAGE_SIZE, from: token }),
			entry: (address) => {
				const id = idString(address.id);
				return id === undefined ? undefined : { id, name: addressLabel(address), searchText: [address.country] };
			},
		},
		filter,
		paginationToken,
	);
}
