/** The fault suite's fixture types live beside the providers' tooling. */
export * from '../../tooling/providers/faults';
