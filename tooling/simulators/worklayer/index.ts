/**
 * Worklayer (Taxfyle) job API simulator over real loopback HTTP, built on `SimulatorServer`.
 *
 * Sources: the vendor's "Listing Workspace Jobs" page (https://docs.taxfyle.com/jobs/job-list) and the
 * other public pages: https://docs.taxfyle.com/concepts/authentication, /jobs/job-resource,
 * /jobs/job-create, /jobs/job-submit, /jobs/job-creation-flow, /jobs/job-get-checklist,
 * /service-packages/service-package-resource, /service-packages/answer-questions,
 * /documents/document-resource. Where those pages are silent the simulator takes the STRICT option, so a
 * client bug shows up in tests; each such choice is marked `UNDOCUMENTED` and summarised here:
 *
 *  - Layout: `{origin}/v1.0/...` is the API (the real base URL is `https://api.worklayer.com/v1.0`) and
 *    `{origin}/oauth/token` the Auth0 token endpoint (really `https://taxfyle.auth0.com/oauth/token`).
 *  - Order of checks: token path → authentication (401) → rate limit (429) → route (404) → permission
 *    (403) → query/body validation (400) → lookup (404) → state (400).
 *  - Error bodies (the docs only name the errors Forbidden, Unauthorized, NotFound, BadRequest):
 *    `{ "error": "<that name>", "message": "..." }` with the matching HTTP status (403, 401, 404, 400);
 *    429 uses `TooManyRequests` plus a `Retry-After` header (seconds). Token endpoint errors use Auth0's
 *    `{ "error", "error_description" }` (https://auth0.com/docs/api/authentication#client-credentials-flow).
 *  - Lists (jobs, members, job templates, service packages, documents) page with `page_size` /
 *    `page_token` → `{ data, next_page_token }`. Default size 50 (documented for jobs); the maximum is not
 *    documented: option `maxPageSize` (default 100) and `pageSizeAboveMax` ('clamp', the AIP-158 rule
 *    https://google.aip.dev/158 the API's naming follows, or 'error'). `page_size=0` means the default;
 *    negative or non-integer → 400. The end is `next_page_token: ""` (documented); option
 *    `endSignal: 'missing'` omits the field instead (seen on other endpoints).
 *  - Job order (undocumented): `create_time` ascending, then `id`. Tokens are keyset cursors in the
 *    format of the docs' sample token (base64 of `<type>/<key>/asc/<url-encoded last value>`), so a job
 *    inserted or deleted between two page reads shifts nothing; a job created "in the past" behind the
 *    cursor is not seen. A token that does not decode → 400.
 *  - Query parameters other than `filter`, `page_size`, `page_token` (for example a sort) → 400; a
 *    parameter given twice or in bracket form → 400.
 *  - Filter grammar: see `parseWorklayerFilter`. Precedence and parentheses are not documented: by
 *    default mixing AND with OR at one level and any parenthesis → 400 (option `filterGrammar`).
 *  - A missing time (`transmit_time: null`) matches no comparison, not even `!=`.
 *  - Status values: the five documented ones plus `CANCELED` (the docs mention a canceled final state;
 *    its spelling is not documented). Only `POST /jobs/{id}/submit` changes status, and only
 *    UNDER_CONSTRUCTION → UNCLAIMED (https://docs.taxfyle.com/jobs/job-submit); anything else → 400.
 *  - Create (`POST /jobs`, JSON `{owner_user_id, job_template_id}`) answers 200 with the job (shape
 *    undocumented). The owner must be a CLIENT member and the template must exist (else 400); unknown
 *    fields → 400.
 *  - `POST /jobs/{id}/requested-provider` takes `{ "requested_provider_id": "<pro uuid>" }` (field name
 *    undocumented; the product's `requestedProviderId`); it and `.../request-previous` are allowed only
 *    before submit (job-creation-flow: "This must be done prior to submitting the job"). The job resource
 *    lists no field for it, so it is kept beside the job (`requestedProviderOf`), not in the job body.
 *  - Get answers the bare job (option `wrapSingle: true` wraps it in `{ data }`).
 *  - Job ids in paths that are not UUIDs → 404.
 *  - Timestamps: `create_time` / `transmit_time` / `deadline_time` carry milliseconds; `update_time`
 *    carries microseconds on every write (the docs' sample shows both forms), strictly increasing.
 */
export { WORKLAYER_STATUSES, type WorklayerJobStatus, type WorklayerJobMember, type WorklayerJob, type WorklayerMember, type WorklayerPro, type WorklayerQuestionType, type WorklayerQuestion, type WorklayerServicePackage, type WorklayerJobTemplate, type WorklayerDocument, type WorklayerData, type WorklayerErrorBody, type WorklayerList, WORKLAYER_REFERENCE_DATE, WORKLAYER_API_PREFIX, WORKLAYER_TOKEN_PATH, WORKLAYER_AUDIENCE, WORKLAYER_DEFAULT_CLIENT_ID, WORKLAYER_DEFAULT_CLIENT_SECRET, WORKLAYER_DEFAULT_WORKSPACE_ID, WORKLAYER_DEFAULT_PAGE_SIZE, WORKLAYER_DEFAULT_MAX_PAGE_SIZE, WORKLAYER_TOKEN_SCOPE, WORKLAYER_FILTER_FIELDS } from './types';
export { parseWorklayerTime, worklayerIsoMs, worklayerIsoMicros } from './time';
export { generateWorklayerData } from './data';
export { type WorklayerFilterGrammar, type WorklayerFilterNode, WorklayerFilterError, parseWorklayerFilter, matchesWorklayerFilter } from './filter';
export type { WorklayerPermission, WorklayerIssuedToken, WorklayerListHookInfo, WorklayerSimulatorOptions } from './store';
export { WorklayerSimulator } from './simulator';
