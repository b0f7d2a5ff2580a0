/**
 * Planado's eight job statuses (https://api-docs.planadoapp.com/docs/v2/resources/jobs.html), their
 * names as the app shows them, and their common categories.
 */
import type { StatusCategory } from '../shared/commonJob';

export const JOB_STATUSES = ['posted', 'scheduled', 'published', 'en_route', 'started', 'suspended', 'finished', 'canceled'] as const;

export type JobStatus = (typeof JOB_STATUSES)[number];

export const STATUS_NAMES: Record<JobStatus, string> = {
	posted: 'Posted',
	scheduled: 'Scheduled',
	published: 'Published',
	en_route: 'En Route',
	started: 'Started',
	suspended: 'Suspended',
	finished: 'Finished',
	canceled: 'Canceled',
};

/** Its eight statuses in the common categories (the README has this table). */
export const STATUS_CATEGORY: Record<JobStatus, StatusCategory> = {
	posted: 'new',
	scheduled: 'scheduled',
	published: 'scheduled',
	en_route: 'inProgress',
	started: 'inProgress',
	suspended: 'onHold',
	finished: 'completed',
	canceled: 'canceled',
};
