/**
 * Housecall Pro's job statuses: the words the Get Jobs filter takes (`work_status[]`) and the
 * words jobs come back with (`work_status`), in the common categories
 * (https://docs.housecallpro.com/docs/housecall-public-api, "Get Jobs").
 */
import type { StatusCategory } from '../shared/commonJob';

/** The words `work_status[]` accepts. Jobs come back with other words (see RESPONSE_WORDS). */
export const WORK_STATUS_FILTERS = ['unscheduled', 'scheduled', 'in_progress', 'completed', 'canceled'] as const;

/** `work_status` (response words) in the common categories; older spellings use `_` for spaces. */
export const STATUS_CATEGORY: Record<string, StatusCategory> = {
	'needs scheduling': 'new',
	unscheduled: 'new',
	scheduled: 'scheduled',
	'in progress': 'inProgress',
	'complete unrated': 'completed',
	'complete rated': 'completed',
	'user canceled': 'canceled',
	'pro canceled': 'canceled',
};
