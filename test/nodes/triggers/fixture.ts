/** The trigger suite's fixture type with this folder's harness (the fixtures live in tooling/providers/<p>/). */
import type { TriggerFixture as ProviderTriggerFixture } from '../../../tooling/providers/fixtures';
import type { Harness } from '../../harness/engine';

export type TriggerFixture = ProviderTriggerFixture<Harness>;
