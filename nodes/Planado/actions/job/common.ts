import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { jobIdField } from '../../../shared/descriptions';
import type { IdPattern } from '../../../shared/parameters';

/**
 * A job is reached by its uuid or by its external_id (https://api-docs.planadoapp.com/docs/v2/resources/jobs/get.html),
 * one path segment of `/jobs/:job_id`. The reference is percent-encoded into it, which leaves `.`
 * as it is: `.` and `..` would be read as a path step (`/jobs/..` is `/v2/`), so a reference made of
 * dots only is refused, as are control characters.
 */
export const JOB_REF: IdPattern = {
	regex: /^(?!\.{1,2}$)\P{Cc}{1,500}$/u,
	expected:
		'a job UUID (such as 137eafeb-15d1-6480-022b-0ec4617ba21a) or the external ID given to the job, up to 500 characters, not . or .. and without control characters',
};

export const jobIdProperty = jobIdField({
	providerName: 'Planado',
	idPlaceholder: 'e.g. 137eafeb-15d1-6480-022b-0ec4617ba21a',
	idPattern: JOB_REF,
	description: 'The Planado job: pick it from the list, or give its UUID or its external ID',
});

export const notifyAssigneesOption: INodeProperties = {
	displayName: 'Notify Assignees',
	name: 'notifyAssignees',
	type: 'boolean',
	default: true,
	description:
		"Whether Planado sends push notifications about this change to the assigned workers' mobile app",
	hint: 'Turn off for bulk or frequent changes (sends X-Planado-Notify-Assignees: false).',
};

/** Request headers for a write: push notifications off when the option says so. */
export function writeHeaders(options: IDataObject): IDataObject | undefined {
	return options.notifyAssignees === false ? { 'X-Planado-Notify-Assignees': 'false' } : undefined;
}
