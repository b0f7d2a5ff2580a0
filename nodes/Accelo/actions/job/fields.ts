/** Job body fields for Create (Additional Fields) and Update (Update Fields), Accelo's names. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { INTEGER_ID, checkId, checkOption, readUnixSeconds, requireText } from '../../../shared/parameters';
import { AGAINST_TYPES } from '../../filters';
import { recordLocator, recordValues } from '../../../shared/recordLocator';
import { againstLocator, againstTypeOptions, managerLocator } from './common';

const integerLocator = (displayName: string, name: string, searchListMethod: string, recordName: string, description: string): INodeProperties =>
	recordLocator({ displayName, name, searchListMethod, recordName, idPlaceholder: 'e.g. 12', idPattern: INTEGER_ID, description });

const affiliationField = integerLocator(
	'Affiliation',
	'affiliationId',
	'searchAffiliations',
	'affiliation',
	"The contact at a company the job is for. With a company as Against, the list shows that company's contacts.",
);
const contractField = integerLocator('Contract', 'contractId', 'searchContracts', 'contract', 'The contract (retainer) the job belongs to');
const rateIdField = integerLocator('Rate', 'rateId', 'searchRates', 'rate', 'The billing rate of the job');
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
	rateIdField,
	rateChargedField,
	{
		displayName: 'Status Name or ID',
		name: 'statusId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getStatuses' },
		default: '',
		description:
			'The starting status. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		hint: 'It must be one Accelo allows at creation.',
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
	rateIdField,
	rateChargedField,
	{
		displayName: 'Status Name or ID',
		name: 'statusId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getStatuses' },
		default: '',
		description:
			'Sets the status directly. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		hint: 'Without running a progression.',
	},
	{ displayName: 'Title', name: 'title', type: 'string', default: '' },
];

const ID_FIELDS: Record<string, [wire: string, label: string]> = {
	affiliationId: ['affiliation_id', 'Affiliation'],
	contractId: ['contract_id', 'Contract'],
	engagementId: ['engagement_id', 'Against'],
	managerId: ['manager_id', 'Manager'],
	rateId: ['rate_id', 'Rate'],
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
