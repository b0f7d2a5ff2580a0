import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { jobIdField } from '../../../shared/descriptions';
import { ALL_FIELDS } from '../../transport';

export const jobIdProperty = jobIdField({
	providerName: 'Accelo',
	idPlaceholder: 'e.g. 42',
	idRegex: '^\\s*\\d+\\s*$',
});

export const fieldsOption: INodeProperties = {
	displayName: 'Fields',
	name: 'fields',
	type: 'string',
	default: '',
	placeholder: 'e.g. title,standing,status(title),manager(firstname,surname)',
	description:
		"Accelo's _fields: which fields and linked objects to return. Empty returns every field (_ALL); Accelo's own default is only the ID and title.",
};

/** `_fields` for a request: what the user chose, else every field. */
export function fieldsQuery(options: IDataObject): IDataObject {
	const fields = typeof options.fields === 'string' ? options.fields.trim() : '';
	return { _fields: fields || ALL_FIELDS };
}

export const againstTypeOptions = [
	{ name: 'Company', value: 'company' },
	{ name: 'Site', value: 'site' },
];
