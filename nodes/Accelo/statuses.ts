/**
 * Accelo's statuses are the account's own; what the node knows of them is their standing
 * (https://api.accelo.com/docs/#statuses): the standings and their common categories.
 */
import type { StatusCategory } from '../shared/commonJob';

export const STANDINGS = ['active', 'complete', 'inactive', 'paused', 'pending'] as const;

/** Standings in the common categories (the README has this table). */
export const STANDING_CATEGORY: Record<string, StatusCategory> = {
	pending: 'new',
	active: 'inProgress',
	paused: 'onHold',
	complete: 'completed',
	inactive: 'closed',
};
