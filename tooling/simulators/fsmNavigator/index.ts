/**
 * FSM Navigator Jobs API simulator (real HTTP on loopback), built on `SimulatorServer`.
 *
 * Source of truth: the vendor's Jobs API page, https://fsmnavigator.com/docs/api/endpoints/. Where those are silent the simulator takes the STRICT option, so a client
 * bug surfaces in tests instead of being silently tolerated. Every such choice is marked
 * `UNDOCUMENTED (strict)` or `UNDOCUMENTED` below and summarised here:
 *
 *  - Routing: only the exact path `/api/v1/jobs` exists (no trailing slash, no `/jobs/{id}`: the id goes in
 *    the query string). Any other path or method (DELETE, HEAD, ...) → 404 `not_found`.
 *  - Order of checks: rate limit → authentication (401) → route (404) → scope (403) → validation (400)
 *    → job lookup (404) → body validation (400).
 *  - The rate limit is a rolling window per `X-API-Key` value as sent (a missing/invalid key is throttled
 *    too); rejected (429) requests do not count against the window. Without the `rateLimit` option the
 *    headers are still sent (limit 100000 per 60 s) but nothing is enforced.
 *  - Query strings: unknown query parameters, a parameter given twice, or bracket/array forms → 400
 *    `validation_failed`. Get (`?id=`) accepts no other parameter. POST must not carry `?id=`.
 *  - Integers in the query must be plain decimal digits (`1.0`, `-1`, `1e2`, `` → 400).
 *  - `per_page` outside 1..100 → 400 (the docs only say "max 100"); `page` < 1 → 400.
 *  - Dates: ISO 8601 `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`, upper-case `T`/`Z` only, calendar
 *    checked (Feb 30 is rejected). A date-time without an offset is taken as UTC. A date-only filter bound is
 *    midnight UTC of that day, so `created_before=2026-02-01` does NOT include the rest of Feb 1st.
 *    `scheduled_start` / `scheduled_end` must be date-times (date-only → 400); they are stored normalised to
 *    `YYYY-MM-DDTHH:MM:SSZ`. `scheduled_end` before `scheduled_start` → 400.
 *  - Bodies of POST/PUT/PATCH must be `Content-Type: application/json` holding a JSON object; anything else
 *    (form encoding, a JSON array, malformed JSON) → 400 `validation_failed`.
 *  - Unknown body fields → 400 (also read-only ones such as `job_id`, `customer_name`, and `job_status` on POST).
 *  - Field types are exact: ids must be JSON integers (`"87"` → 400); `job_priority` /
 *    `asset_relationship_type` / `job_status` are case-sensitive. `job_title` is a non-blank string of at most
 *    255 characters; `job_description` a string (null → 400). `assigned_technician_id`, `scheduled_start` and
 *    `scheduled_end` accept null (unassign / clear). An unknown `customer_location_id` or
 *    `assigned_technician_id` → 400 `validation_failed` (404 is reserved for the job id).
 *  - `asset_relationship_type` without `asset_ids` → 400. Unknown or deleted asset ids are skipped silently
 *    (documented); duplicates are linked once. A PUT with `asset_ids` replaces every link with fresh ones
 *    (`linked_at` = now, type = the given one or `serviced`).
 *  - PUT: empty body → 400; `job_status` → 400 "use PATCH to change job_status". Edits to Closed/Cancelled jobs
 *    are allowed (nothing says otherwise).
 *  - PATCH: the body must be exactly `{ "job_status": ... }`. A move to the same status is not in the table and
 *    gives `invalid_status_transition`. No other precondition (e.g. a technician for Assigned) is enforced.
 *    `actual_start` is set on the first entry to In Progress; `actual_end` on every entry to Completed.
 *  - Error bodies are exactly `{success:false,error,message[,details]}` (no request_id); every response carries
 *    an `X-Request-Id` header, and success bodies carry `request_id` (12 hex chars, fresh per request).
 *  - Validation errors: `message` names the first failing field and why; `details` maps each failing field to
 *    its reason.
 */
export { FSM_STATUSES, type FsmJobStatus, FSM_PRIORITIES, type FsmJobPriority, FSM_RELATIONSHIP_TYPES, type FsmAssetRelationshipType, type FsmScope, FSM_STATUS_TRANSITIONS, type FsmJobAsset, type FsmJob, type FsmJobListItem, type FsmTechnician, type FsmCustomer, type FsmCustomerLocation, type FsmAsset, type FsmData } from './types';
export { FSM_REFERENCE_DATE, fsmIso } from './catalog';
export { generateFsmData } from './data';
export { FsmJobStore } from './jobStore';
export { parseIso8601 } from './validation';
export { type FsmNavigatorSimulatorOptions, FSM_DEFAULT_API_KEY } from './store';
export { FsmNavigatorSimulator } from './simulator';
