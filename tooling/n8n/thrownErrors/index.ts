/** What n8n throws for a failing request, captured in real n8n (see ./shape.ts and ./capture.ts). */
export { captureThrownErrors, type CaseCapture, type ThrownErrorCapture } from './capture';
export { PROBE_PACKAGE, PROBE_NODE_TYPE, writeErrorProbePackage } from './probePackage';
export { PROBE_CASES, PROBE_RATE_LIMIT_RESET, PROBE_TOKEN, startProbeServer, type ProbeCase } from './server';
export { classOf, normalizeShape, rebuildThrown, type Shape } from './shape';
