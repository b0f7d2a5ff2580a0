/**
 * Housecall Pro job API simulator (real HTTP on loopback), built on `SimulatorServer`.
 *
 * Sources: the vendor's "Get Jobs" page and its OpenAPI "Housecall v1 API", rendered at
 * https://docs.housecallpro.com/docs/housecall-public-api (base URL https://api.housecallpro.com, no `/v1`
 * prefix). Where the docs are silent the simulator takes a STRICT or plainly Rails-like choice, marked
 * `UNDOCUMENTED` below and summarised here:
 *
 *  - Order of checks: rate limit → auth (401 `{"message":"Unauthorized"}`) → `X-Company-Id` → route (404)
 *    → key kind → parameters → record lookup → body validation.
 *  - Auth: only `Authorization: Token <key>`. `Bearer <key>`, a bare key or an unknown key → 401 with the
 *    same body (https://docs.housecallpro.com: securitySchemes "Token {api-key}").
 *  - Key kinds: the schedule (PUT/DELETE) and dispatch endpoints refuse a Company API Key; appointments and
 *    job types refuse an Application API Key (per-operation `security` in the vendor's OpenAPI). The status
 *    code of that refusal is not documented: by default the same 401 `{"message":"Unauthorized"}`
 *    (`keyKindRefusal` option changes it).
 *  - `X-Company-Id`: a key that can act for one company only gets 401 when it sends the header; a
 *    multi-location key may send one of its companies (else 401). When sent, `location_ids` is ignored.
 *  - Query strings are read the Rails way: `a[]=x` is an array, a bare `a=x` a single value (a repeated bare
 *    key keeps its LAST value), `a[0]=x` a hash. An array filter given as a hash matches no job (Rails'
 *    `Array(hash)` gives pairs). `expand` given as a bare string or hash → 400 (a public client reports a
 *    bare string is refused). Unknown query parameters are ignored.
 *  - `work_status[]` takes the FILTER words (`unscheduled`, `in_progress`, `completed`, …); any other word
 *    (e.g. the response word `in progress`) matches nothing and is not an error. Empty values are dropped.
 *  - `page_size` above 200: clamped to 200 by default (the echoed `page_size` says so); option
 *    `pageSizeCap: 'error'` answers 400 instead. Non-integer or < 1 `page`/`page_size` → 400.
 *    A page past the end answers `jobs: []` with the real totals.
 *  - Invalid `sort_by`, `sort_direction`, `expand` values or dates → 400 `{"message", "<field>": [..]}`.
 *    Dates without an offset are read as UTC. Ties in any sort are broken by `id` in the same direction.
 *  - Write bodies must be JSON objects (else 400). Unknown body fields are ignored (Rails strong params).
 *    Field errors → 422 `{"errors":{"field":["…"]}}`; a missing job on a sub-resource → 404
 *    `{"error":{"message":"job not found"}}`; a missing job on GET /jobs/{id} → 404 `{}` (documented).
 *  - Appointments: the job's schedule and `needs scheduling`/`scheduled` follow them (see writeAppointments).
 *  - Schedule rules: PUT schedule sets `scheduled` on a `needs scheduling` job and keeps other open statuses;
 *    complete/user-canceled jobs → 422 `{"error":{"message":"Can't schedule a …"}}`, pro-canceled (deleted)
 *    jobs → "Can't schedule an archived job"; a job with more than one appointment → 422 (documented
 *    restriction, status code undocumented). DELETE schedule only from `needs scheduling`/`scheduled`.
 *  - Pipeline: forward moves only (target order ≥ current order, documented); a backward move → 422
 *    `{"error":"…"}`; unknown status or job → 404 `{"error":"…"}` (documented shape).
 *  - Money is in cents. Line-item amounts: labor/materials/fixed gratuity `+unit_price×quantity`, fixed
 *    discount `−unit_price×quantity`, percent discount `−(positive subtotal × unit_price / 100)`; the job's
 *    `subtotal` and `total_amount` are their sum, `outstanding_balance` that minus what was paid.
 *  - 429: `{"message":"Too Many Requests"}`; no rate headers unless `rateLimit.retryAfter` is set (none are
 *    documented).
 *  - Seed vs. OpenAPI: the "Get Jobs" page shows `notes` as a string and no `subtotal`/`job_fields`; the
 *    OpenAPI `Job` has `notes: [{id, content}]` (needed by DELETE /jobs/{id}/notes/{note_id}) — the simulator
 *    follows the OpenAPI for `notes` and keeps the page's extra `name` field. The page's sample
 *    `"work_status": "unscheduled"` is a placeholder: responses use the spaced words of the OpenAPI enum.
 *    400 bodies carry arrays per attribute (`{"message","attr":["…"]}`); the OpenAPI describes a string.
 */
export { HCP_WORK_STATUSES, type HcpWorkStatus, HCP_WORK_STATUS_FILTERS, type HcpWorkStatusFilter, HCP_SORT_FIELDS, type HcpSortField, HCP_LINE_ITEM_KINDS, type HcpLineItemKind, type HcpResourceType, type HcpKeyKind, type HcpEmployeePermissions, type HcpEmployee, type HcpAddress, type HcpCustomer, type HcpJobCustomer, type HcpNote, type HcpTag, type HcpJobType, type HcpPipelineStatus, type HcpPipelineStage, type HcpAttachment, type HcpAppointment, type HcpLineItem, type HcpSchedule, type HcpWorkTimestamps, type HcpJob, type HcpJobExtras, type HcpCompany, type HcpData } from './types';
export { HCP_REFERENCE_DATE } from './catalog';
export { hcpLineItemAmounts, generateHousecallProData } from './data';
export { parseHcpTime } from './errors';
export { type HcpApiKey, HCP_DEFAULT_COMPANY_API_KEY, HCP_DEFAULT_APPLICATION_API_KEY, HCP_SINGLE_COMPANY_API_KEY, HCP_COMPANY_IDS, HCP_FRANCHISEE_IDS, HCP_MAX_PAGE_SIZE, HCP_DEFAULT_PAGE_SIZE, type HousecallProSimulatorOptions } from './store';
export { HousecallProSimulator } from './simulator';
