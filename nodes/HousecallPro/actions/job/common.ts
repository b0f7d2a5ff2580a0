import type { INodeProperties } from 'n8n-workflow';

import { jobIdField } from '../../../shared/descriptions';
import { JOB_ID } from '../../provider';
import { recordLocator, recordsField } from '../../../shared/recordLocator';
import { EXPAND_VALUES, HCP_ID } from '../../filters';

export const jobIdProperty = jobIdField({
	providerName: 'Housecall Pro',
	idPlaceholder: 'e.g. job_6f3c0d1e2a4b4c5d8e9f0a1b2c3d4e5f',
	idPattern: JOB_ID,
	idLooksLike: 'letters, digits, _ and -, such as job_6f3c0d1e2a4b4c5d8e9f0a1b2c3d4e5f',
	url: {
		placeholder: 'e.g. https://pro.housecallpro.com/app/jobs/job_6f3c0d1e2a4b4c5d8e9f0a1b2c3d4e5f',
		regex: 'housecallpro\\.com/(?:app/)?jobs/([A-Za-z0-9_-]+)',
	},
});

export const expandOption: INodeProperties = {
	displayName: 'Expand',
	name: 'expand',
	type: 'multiOptions',
	options: EXPAND_VALUES.map((value) => ({ name: value[0].toUpperCase() + value.slice(1), value })),
	default: [],
	description: "Related records to include: the job's attachments, and its appointments (under schedule.appointments)",
};

/** A customer picker (Create's customer, Get Many's and the trigger's filter), searched by Housecall Pro. */
export const customerLocator = (description: string, required = false): INodeProperties =>
	recordLocator({
		displayName: 'Customer',
		name: 'customerId',
		searchListMethod: 'searchCustomers',
		recordName: 'customer',
		idPlaceholder: 'e.g. cus_1a2b3c',
		idPattern: HCP_ID,
		required,
		description,
	});

/** The employees (pros) of the company, to pick several (`GET /employees`). */
export const employeesField = (displayName: string, name: string, description: string): INodeProperties =>
	recordsField(displayName, name, 'getEmployees', description);
