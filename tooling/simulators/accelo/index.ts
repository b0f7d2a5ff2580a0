/**
 * Accelo API simulator (jobs, statuses, types, progressions, OAuth2 client credentials) over real
 * loopback HTTP, built on `SimulatorServer`.
 *
 * Sources: Accelo's API documentation, https://api.accelo.com/docs/ (introduction, authentication,
 * configuring responses, status codes, jobs, progressions, statuses) and its older "GET /jobs" wiki
 * page. Where the docs are silent the simulator
 * picks the STRICT behaviour so that a client bug shows up; every such choice is marked
 * `UNDOCUMENTED:` in a comment.
 *
 * Layout: `{base}/api/v0/...` is the API, `{base}/oauth2/v0/token` the token endpoint, where `{base}` is
 * what `start()` resolves to (for example `http://127.0.0.1:41234`).
 */
export { type AcceloStanding, type AcceloAgainstType, type AcceloStaff, type AcceloCompany, type AcceloSite, type AcceloJobType, type AcceloJobStatus, type AcceloProgression, type AcceloRate, type AcceloJob, type AcceloProgressionHistory, type AcceloData, ACCELO_REFERENCE_DATE } from './types';
export { generateAcceloData } from './data';
export { type Json, AcceloApiError, type FieldRequest, parseFieldList, type AcceloScope, parseScope, type AcceloIssuedToken } from './wire';
export { type FilterTerm, type FilterArg, parseFilterString } from './filters';
export type { AcceloSimulatorOptions, AcceloJobInput } from './store';
export { AcceloSimulator } from './simulator';
