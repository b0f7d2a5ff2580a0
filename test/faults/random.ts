/** The fault suite's seeded generator lives beside the providers' tooling (their fault fixtures draw from it). */
export * from '../../tooling/providers/faultRandom';
