/**
 * Planado's wire details (https://api-docs.planadoapp.com/docs/v2/): `Authorization: Bearer <key>`
 * (in the credential), JSON everywhere, `{ jobs: [...] }` lists paged by `after=<uuid of the last
 * job>` with a page size the server fixes and an empty page at the end
 * (https://api-docs.planadoapp.com/docs/v2/listing-resources.html), `{ job: {...} }` for one job,
 * `{ job_uuid }` as the whole answer to a create or update, bracketed filters
 * (`status[]=`, `assignee[worker_uuid]=`), 90 calls a minute.
 */
import type { IDataObject } from 'n8n-workflow';

import { parseInstant } from '../shared/dates';
import { idString, isObject, objectsOf, textOf } from '../shared/json';
import { RequestPacing } from '../shared/pacing';
import { type PagingStrategy } from '../shared/pagination';
import { afterCursorPaging } from '../shared/pagingStrategies';
import { defineJobProvider } from '../shared/provider';
import { simplifyJob } from './simplify';
import { trimBaseUrl, type ProviderApi } from '../shared/transport';

export const DEFAULT_BASE_URL = 'https://api.planadoapp.com/v2';
export const CREDENTIAL_TYPE = 'planadoApi';

interface PlanadoJobList {
	jobs?: IDataObject[];
}

interface PlanadoJobAnswer {
	job?: IDataObject;
}

/** Error bodies are not specified ("the response body contains details of the error"): read what is there. */
interface PlanadoErrorBody {
	message?: unknown;
	error?: unknown;
	errors?: unknown;
	details?: unknown;
}

function detailsText(details: unknown): string | undefined {
	if (Array.isArray(details)) {
		const texts = details.map((d) => (typeof d === 'string' ? d : isObject(d) ? textOf(d.message) : undefined)).filter(Boolean);
		return texts.length ? texts.join('; ') : undefined;
	}
	if (isObject(details)) {
		const texts = Object.entries(details).map(([field, reason]) =>
			`${field} ${Array.isArray(reason) ? reason.join(', ') : typeof reason === 'string' ? reason : JSON.stringify(reason)}`,
		);
		return texts.length ? texts.join('; ') : undefined;
	}
	return textOf(details);
}

export function errorMessage(body: unknown): string | undefined {
	// Over the limit Planado answers a plain-text body ("Rate Limit Exceeded").
	if (typeof body === 'string') return textOf(body);
	if (!isObject(body)) return undefined;
	const { message, error, errors, details } = body as PlanadoErrorBody;
	const main = textOf(message) ?? (isObject(error) ? textOf(error.message) : textOf(error));
	const more = detailsText(details) ?? detailsText(errors);
	if (main && more && !main.includes(more)) return `${main} (${more})`;
	return main ?? more;
}

export const planadoApi: ProviderApi = {
	name: 'Planado',
	credentialType: CREDENTIAL_TYPE,
	baseUrl: (credentials) => trimBaseUrl(credentials.baseUrl, DEFAULT_BASE_URL),
	errorMessage,
	// `status[]=a&status[]=b`, `resolution[finished][]=u` (n8n's default would write `status[0]=a`).
	arrayFormat: 'brackets',
	// Planado's documented limit: 90 calls a minute (tests scale the window down).
	pacing: new RequestPacing({ calls: 90, windowMs: 60_000 }),
	errorHints: {
		401: "Check the API key in the Planado credential (Settings → Integrations → API) and that the Base URL is your account's region.",
		404: 'No job with this UUID or external ID in this Planado account.',
		409:
			"The job was changed in Planado (in the app or by another integration) after the version you sent was read. Get the job again, re-apply your change and send its new version, or leave 'Expected Version' empty to overwrite.",
		429: 'Planado allows 90 calls a minute per account; the node paces its own calls, so another integration may be using the same key.',
	},
};

export function unwrapJob(body: unknown): IDataObject {
	const job = isObject(body) ? (body as PlanadoJobAnswer).job : undefined;
	return isObject(job) ? job : isObject(body) ? body : {};
}

function unwrapJobs(body: unknown): IDataObject[] {
	return objectsOf(isObject(body) ? (body as PlanadoJobList).jobs : undefined);
}

function jobIdOf(job: IDataObject): string | undefined {
	return idString(job.uuid);
}

/** Whole seconds, one second before `sinceMs`: `updated_at[after]` compares strictly. */
function updatedAfter(sinceMs: number): string {
	return new Date(Math.floor(sinceMs / 1000) * 1000 - 1000).toISOString().replace('.000Z', 'Z');
}

/** `after=<uuid of the last job>` until an empty page. */
function listStrategy(): PagingStrategy {
	return afterCursorPaging({ cursorParam: 'after', cursorOf: jobIdOf });
}

/** The Planado provider: every call paced for the 90-a-minute limit (`planadoApi.pacing`). */
export const provider = defineJobProvider({
	api: planadoApi,
	// Fixed by the server and undocumented for jobs; nothing here depends on it.
	maxPageSize: 50,
	jobId: jobIdOf,
	// created_at / updated_at are UTC with microseconds (`2016-05-29T17:31:01.419601Z`).
	createdAt: (job) => parseInstant(job.created_at),
	updatedAt: (job) => parseInstant(job.updated_at),
	status: (job) => idString(job.status),
	// `:job_id` may be a uuid or an external_id (https://api-docs.planadoapp.com/docs/v2/resources/jobs/get.html).
	getRequest: (jobId, query) => ({ path: `/jobs/${encodeURIComponent(jobId)}`, qs: query }),
	unwrapJob,
	list: { path: '/jobs', paging: () => listStrategy(), unwrap: unwrapJobs },
	simplify: simplifyJob,
	changes: {
		// The list has no created-at filter, only `updated_at[after]` (strict), and is sorted newest
		// first by creation (https://api-docs.planadoapp.com/docs/v2/resources/jobs/list.html). A job
		// created after the cursor was also updated after it, so the updated filter finds it (an idle
		// poll: one empty page), and reading stops at the first page that reaches older jobs.
		createdSince: (query, sinceMs) => ({
			query: { ...query, updated_at: { after: updatedAfter(sinceMs) } },
			oldestFirst: false,
			newestFirst: true,
		}),
		updatedSince: (query, sinceMs) => ({
			query: { ...query, updated_at: { after: updatedAfter(sinceMs) } },
			oldestFirst: false,
		}),
		// The list's own order is newest first.
		newestFirst: (query) => query,
	},
});
