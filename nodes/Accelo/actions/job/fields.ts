/** Job body fields for Create (Additional Fields) and Update (Update Fields), Accelo's names. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { INTEGER_ID, checkId, checkOption, readUnixSeconds, requireText } from '../../../shared/parameters';
import { AGAINST_TYPES } from '../../filters';
import { recordValues } from '../../../shared/recordLocator';
import { againstLocator, againstTypeOptions, managerLocator } from './common';

const idField = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. 12',
	description,
});

// The node has no pickers for these: the IDs are on a job that has them (Get: affiliation, contract, rate_id).
const affiliationField = idField('Affiliation ID', 'affiliationId', "The affiliation (contact at the company) the job is for. Its ID is in a job's affiliation (Get), or in the contact's page in Accelo.");
const contractField = idField('Contract ID', 'contractId', "The contract the job belongs to. Its ID is in a job's contract (Get), or in the contract's page in Accelo.");
const rateIdField = idField('Rate ID', 'rateId', "The billing rate of the job. Its ID is in a job's rate_id (Get), or under the rates in Accelo's settings.");
const dateDueField: INodeProperties = { displayName: 'Date Due', name: 'dateDue', type: 'dateTime', default: '' };
const rateChargedField: INodeProperties = {
	displayName: 'Rate Charged',
	name: 'rateCharged',
	type: 'number',
	default: 0,
	typeOptions: { numberPrecision: 2 },
};

export const createFields: INodeProperties[] = [
	affiliationField,
	contractField,
	{ displayName: 'Date Created', name: 'dateCreated', type: 'dateTime', default: '', description: 'Defaults to now' },
	dateDueField,
	{ displayName: 'Date Started', name: 'dateStarted', type: 'dateTime', default: '' },
	rateChargedField,
	rateIdField,
	{
		displayName: 'Status Name or ID',
		name: 'statusId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getStatuses' },
		default: '',
		description:
			'The starting status (one Accelo allows at creation). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const updateFields: INodeProperties[] = [
	affiliationField,
	againstLocator('engagementId', 'The company or site the job is against (engagement_id)'),
	{
		displayName: 'Against Type',
		name: 'engagementTable',
		type: 'options',
		options: againstTypeOptions,
		default: 'company',
		description: 'What the job is against (engagement_table)',
	},
	contractField,
	{ displayName: 'Date Created', name: 'dateCreated', type: 'dateTime', default: '' },
	dateDueField,
	managerLocator(),
	rateChargedField,
	rateIdField,
	{
		displayName: 'Status Name or ID',
		name: 'statusId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getStatuses' },
		default: '',
		description:
			'Sets the status directly, without running a progression. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{ displayName: 'Title', name: 'title', type: 'string', default: '' },
];

const ID_FIELDS: Record<string, [wire: string, label: string]> = {
	affiliationId: ['affiliation_id', 'Affiliation ID'],
	contractId: ['contract_id', 'Contract ID'],
	engagementId: ['engagement_id', 'Against'],
	managerId: ['manager_id', 'Manager'],
	rateId: ['rate_id', 'Rate ID'],
	statusId: ['status_id', 'Status'],
};

const DATE_FIELDS: Record<string, [wire: string, label: string]> = {
	dateCreated: ['date_created', 'Date Created'],
	dateDue: ['date_due', 'Date Due'],
	dateStarted: ['date_started', 'Date Started'],
};

/** Additional Fields / Update Fields as Accelo's body (dates in unix seconds, ids checked). */
export function jobBody(pickedFields: IDataObject, timeZone: string): IDataObject {
	// Pickers hold `{ __rl, mode, value }`; older workflows hold the plain ID.
	const fields = recordValues(pickedFields);
	const body: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (key in ID_FIELDS) {
			const [wire, label] = ID_FIELDS[key];
			body[wire] = checkId(value, label, INTEGER_ID);
		} else if (key in DATE_FIELDS) {
			const [wire, label] = DATE_FIELDS[key];
			body[wire] = readUnixSeconds(value, label, timeZone);
		} else if (key === 'rateCharged') {
			const rate = Number(value);
			if (!Number.isFinite(rate)) checkId(value, 'Rate Charged', { regex: /^\d+(\.\d+)?$/, expected: 'a number' });
			body.rate_charged = rate;
		} else if (key === 'engagementTable') {
			body.engagement_table = checkOption(value, 'Against Type', AGAINST_TYPES);
		} else if (key === 'title') {
			body.title = requireText(value, 'Title');
		}
	}
	return body;
}
