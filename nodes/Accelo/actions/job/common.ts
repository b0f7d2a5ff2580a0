import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { jobIdField } from '../../../shared/descriptions';
import { INTEGER_ID } from '../../../shared/parameters';
import { recordLocator } from '../../../shared/recordLocator';
import { SIMPLIFY_FIELDS } from '../../simplify';
import { ALL_FIELDS } from '../../provider';

export const jobIdProperty = jobIdField({
	providerName: 'Accelo',
	idPlaceholder: 'e.g. 42',
	idPattern: INTEGER_ID,
	idLooksLike: 'a number, such as 42',
});

export const fieldsOption: INodeProperties = {
	displayName: 'Fields',
	name: 'fields',
	type: 'string',
	default: '',
	placeholder: 'e.g. title,standing,status(title),manager(firstname,surname)',
	description:
		"Accelo's _fields: which fields and linked objects to return (empty: every field)",
	hint: "Empty returns every field (_ALL; with Simplify on, also the company's and manager's names); Accelo's own default is only the ID and title.",
};

/** `_fields` for a request: what the user chose, else every field (with Simplify, also the linked names it maps). */
export function fieldsQuery(options: IDataObject): IDataObject {
	const fields = typeof options.fields === 'string' ? options.fields.trim() : '';
	return { _fields: fields || (options.simplify === true ? SIMPLIFY_FIELDS : ALL_FIELDS) };
}

export const againstTypeOptions = [
	{ name: 'Company', value: 'company' },
	{ name: 'Site', value: 'site' },
];

/** The company a job is against (`engagement_id` / `againstId`): Accelo's companies, searched by Accelo. */
export const againstLocator = (name: string, description: string, required = false): INodeProperties =>
	recordLocator({
		displayName: 'Against',
		name,
		searchListMethod: 'searchCompanies',
		recordName: 'company',
		idPlaceholder: 'e.g. 39',
		idPattern: INTEGER_ID,
		required,
		description: `${description}. The list shows companies; a site is given by its ID.`,
	});

/** The job's manager (`manager_id`): active staff. */
export const managerLocator = (required = false): INodeProperties =>
	recordLocator({
		displayName: 'Manager',
		name: 'managerId',
		searchListMethod: 'searchStaff',
		recordName: 'staff member',
		idPlaceholder: 'e.g. 7',
		idPattern: INTEGER_ID,
		required,
		description: 'The staff member who manages the job',
	});
