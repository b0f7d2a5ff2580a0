/**
 * Worklayer's job statuses (https://docs.taxfyle.com/jobs/job-resource) and their common categories.
 */
import type { StatusCategory } from '../shared/commonJob';

/** The statuses the docs name (job-resource, job-submit, and the list's own example), in lifecycle order. */
export const JOB_STATUSES = ['UNDER_CONSTRUCTION', 'INFO_GATHERING', 'UNCLAIMED', 'CLAIMED', 'CLOSED'] as const;

export type JobStatus = (typeof JOB_STATUSES)[number];

/** Its statuses in the common categories (the README has this table). */
export const STATUS_CATEGORY: Record<string, StatusCategory> = {
	UNDER_CONSTRUCTION: 'new',
	INFO_GATHERING: 'new',
	UNCLAIMED: 'new',
	CLAIMED: 'inProgress',
	CLOSED: 'closed',
	CANCELED: 'canceled',
	CANCELLED: 'canceled',
};

/** The only status in which Worklayer lets a client change a job (https://docs.taxfyle.com/jobs/job-submit). */
export const DRAFT_STATUS = 'UNDER_CONSTRUCTION';
