/**
 * The Filters collection as Planado's list query (https://api-docs.planadoapp.com/docs/v2/resources/jobs/list.html,
 * "Filters"). Nested objects and arrays become `a[b]=` and `x[]=` with the transport's
 * `arrayFormat: 'brackets'`. The vendor spells the site and linked-job filters without brackets
 * (`site_uuid=`, `initial_job_uuid=`, `completion_of_uuid=`); every filter combines with AND.
 */
import type { IDataObject } from 'n8n-workflow';

import { recordValues } from '../shared/recordLocator';
import { InvalidInputError, UUID, checkId, checkOptions, parseIdList, readIsoDate } from '../shared/parameters';
import { JOB_STATUSES } from './statuses';

function present(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

function text(value: unknown, label: string): string {
	const result = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
	if (!result) throw new InvalidInputError(`'${label}' must be text`);
	return result;
}

/** The Get Many (and trigger) filters as query parameters for GET /jobs. */
export function buildJobQuery(pickedFilters: IDataObject, timeZone: string): IDataObject {
	// Pickers hold `{ __rl, mode, value }`; older workflows hold the plain UUID.
	const filters = recordValues(pickedFilters);
	const qs: IDataObject = {};
	const statuses = present(filters.status) ? checkOptions(filters.status, 'Status', JOB_STATUSES) : [];
	if (statuses.length) qs.status = statuses;

	const assignee: IDataObject = {};
	if (present(filters.assigneeWorkerUuid)) assignee.worker_uuid = checkId(filters.assigneeWorkerUuid, 'Assignee Worker UUID', UUID);
	if (present(filters.assigneeTeamUuid)) assignee.team_uuid = checkId(filters.assigneeTeamUuid, 'Assignee Team', UUID);
	if (Object.keys(assignee).length) qs.assignee = assignee;

	const client: IDataObject = {};
	if (present(filters.clientUuid)) client.uuid = checkId(filters.clientUuid, 'Client', UUID);
	if (present(filters.clientExternalId)) client.external_id = text(filters.clientExternalId, 'Client External ID');
	if (Object.keys(client).length) qs.client = client;

	if (present(filters.siteUuid)) qs.site_uuid = checkId(filters.siteUuid, 'Site', UUID);
	if (present(filters.externalOrderId)) qs.external_order_id = text(filters.externalOrderId, 'External Order ID');
	if (present(filters.initialJobUuid)) qs.initial_job_uuid = checkId(filters.initialJobUuid, 'Initial Job', UUID);
	if (present(filters.completionOfUuid)) qs.completion_of_uuid = checkId(filters.completionOfUuid, 'Completion Of', UUID);

	const range = (after: string, before: string, afterLabel: string, beforeLabel: string): IDataObject | undefined => {
		const bounds: IDataObject = {};
		if (present(filters[after])) bounds.after = readIsoDate(filters[after], afterLabel, timeZone);
		if (present(filters[before])) bounds.before = readIsoDate(filters[before], beforeLabel, timeZone);
		return Object.keys(bounds).length ? bounds : undefined;
	};
	const scheduled = range('scheduledAfter', 'scheduledBefore', 'Scheduled After', 'Scheduled Before');
	if (scheduled) qs.scheduled_at = scheduled;
	const updated = range('updatedAfter', 'updatedBefore', 'Updated After', 'Updated Before');
	if (updated) qs.updated_at = updated;

	const resolution: IDataObject = {};
	const finished = parseIdList(filters.resolutionFinished, 'Resolution (Finished) Names or IDs', UUID);
	const canceled = parseIdList(filters.resolutionCanceled, 'Resolution (Canceled) Names or IDs', UUID);
	if (finished.length) resolution.finished = finished;
	if (canceled.length) resolution.canceled = canceled;
	if (Object.keys(resolution).length) qs.resolution = resolution;
	return qs;
}
