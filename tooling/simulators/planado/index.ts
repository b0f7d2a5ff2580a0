/**
 * Planado API v2 simulator (real HTTP on loopback), built on `SimulatorServer`. Jobs plus the reference lists
 * a node needs for pickers.
 *
 * Vendor docs (public):
 *  - start page (auth, response codes, rate limit): https://api-docs.planadoapp.com/docs/v2/index.html
 *  - paging: https://api-docs.planadoapp.com/docs/v2/listing-resources.html
 *  - jobs: https://api-docs.planadoapp.com/docs/v2/resources/jobs.html and its list / get / create / update pages
 *    under https://api-docs.planadoapp.com/docs/v2/resources/jobs/
 *  - templates, job types, teams, clients, resolutions, users/create:
 *    https://api-docs.planadoapp.com/docs/v2/resources/ (job-templates.html, job-types.html, teams.html,
 *    clients/list.html, resolutions.html, users/create.html)
 *
 * Where the docs are silent the simulator takes the STRICT option, so a client bug shows up in tests. Every such
 * choice is marked `UNDOCUMENTED` below and summarised here:
 *
 *  - Order of checks: rate limit → authentication (401) → route (404) → query/body validation (422) → lookup (404)
 *    → version (409) → started-job rules (422).
 *  - Error bodies: the docs only say "the response body contains details of the error". The simulator answers
 *    `{ error: <code>, message: <text>, details?: {...} }` with 401 (bad/missing key), 404 (unknown route or job),
 *    400 (body is not JSON), 422 (validation; a public script saw 422 for a bad assignee), 409 (stale `version`).
 *  - 429: leaky bucket per key (the docs: 90 calls a minute, leaky bucket). The body is the plain text
 *    `Rate Limit Exceeded` that a public script observed; `rateLimit.body: 'json'` answers a JSON error instead.
 *    No rate-limit headers (the docs name none). Rejected requests do not fill the bucket.
 *  - Page size: the docs say it is fixed per resource but give it only for skills (20). Jobs use 50
 *    (`PLANADO_JOBS_PAGE_SIZE`), every reference list 20; both can be changed by option.
 *  - Paging is keyset: `after=<uuid>` returns the jobs older than that job in the list order (created_at desc, then
 *    serial_no desc), so the same `after` lists the same jobs "except removed entities" (documented). A cursor whose
 *    job was deleted still works (its position is remembered); a uuid that never existed → 422.
 *  - Query parameters: an unknown parameter, a repeated scalar, or the wrong shape (`status=x` instead of
 *    `status[]=x`, `status[0]=x`, `assignee=x`) → 422. Bracket keys may arrive percent-encoded (n8n does that).
 *  - Filter values: uuids must look like uuids (8-4-4-4-12 hex), statuses must be documented values, timestamps must
 *    be ISO 8601 date-times. An offset-less timestamp is read in the account time zone, which is UTC here.
 *  - `resolution[finished][]` / `resolution[canceled][]` imply their status (documented). A job matches when its
 *    status is in `status[]` ∪ the implied statuses, and a finished/canceled job must also carry one of the listed
 *    resolutions of its kind when that kind was given.
 *  - Bodies are parsed as JSON whatever the Content-Type (the docs' own curl examples send `--data` without one);
 *    anything but a JSON object → 400. Unknown body fields → 422.
 *  - PATCH takes the fields of the vendor's update page only: `external_id` / `external_order_id` / `template` /
 *    `job_type` → 422. An optional integer `version` is checked against the job's version (409 when stale); this
 *    lock is inferred from public scripts that send it.
 *  - "Started" (assignee, assignees and possible_resolutions are refused, 422) means status started, suspended or
 *    finished, or any job with `timestamps.started_at` set.
 *  - Status changes through the API: a posted job gets both `scheduled_at` and an assignee → scheduled; a scheduled
 *    or published job that loses either → posted. Nothing else changes status through the API (no status endpoint
 *    is documented); `setStatus()` plays the dispatcher's web UI and the mobile app.
 *  - Create answers 200 `{ job_uuid }` (the docs show the body, not the code). Update answers 200 `{ job_uuid }`.
 *  - `X-Planado-Notify-Assignees: false` disables push notifications (documented); every successful write is logged
 *    in `writes` with `notifyAssignees` (false only for the exact value `false`, case-insensitive).
 *  - `GET /users` and `GET /sites` shapes are inferred (the docs found show only the create-user request and the
 *    site references inside jobs). DELETE /jobs/{id} is used by public clients but undocumented → 404 here.
 *  - `scheduled_at` is rendered offset-less in lists (as the list page shows) and as `...000Z` in get (as the get
 *    page shows); both are UTC here.
 */
export { PLANADO_STATUSES, type PlanadoJobStatus, type PlanadoAssigneeRef, type PlanadoGeolocation, type PlanadoAddress, type PlanadoContact, type PlanadoJobTimestamps, type PlanadoJobResolution, type PlanadoCustomFieldValue, type PlanadoJob, type PlanadoJobListItem, type PlanadoNamedRef, type PlanadoJobDetail, type PlanadoJobType, type PlanadoTemplate, type PlanadoTerritory, type PlanadoUser, type PlanadoTeam, type PlanadoSkill, type PlanadoResolution, type PlanadoClient, type PlanadoSite, type PlanadoData, type PlanadoErrorBody, type PlanadoWrite } from './types';
export { PLANADO_REFERENCE_DATE, PLANADO_DEFAULT_API_KEY, PLANADO_JOBS_PAGE_SIZE, PLANADO_REFERENCE_PAGE_SIZE, PLANADO_RATE_LIMIT_TEXT, planadoTimestamp, planadoLocal, isUuid, parsePlanadoDateTime } from './format';
export { generatePlanadoData } from './data';
export { PlanadoJobStore } from './jobStore';
export type { PlanadoListHookInfo, PlanadoSimulatorOptions } from './store';
export { PlanadoSimulator } from './simulator';
