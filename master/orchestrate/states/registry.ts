// The state modules an orchestration runs with on the master.
import type { NatsConnection } from '@nats-io/transport-node';
import type { StateLookup, StateModule } from '../../../shared/state/types.js';
import { testStates } from '../../../shared/state/test-states.js';
import { saltStates, type SaltStateSettings } from './salt.js';
import { waitForEventState } from './wait-for-event.js';

/** Everything the orchestration states need: job publishing, and the bus to wait on. */
export type OrchStateSettings = SaltStateSettings & { nc: NatsConnection };

export function orchStates(settings: OrchStateSettings): StateLookup {
  const base = saltStates(settings);
  const salt: StateModule = { ...base, functions: { ...base.functions, wait_for_event: waitForEventState(settings.nc) } };
  const modules = new Map([salt, testStates].map((module) => [module.name, module]));
  return (state) => modules.get(state);
}
