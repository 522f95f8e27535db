// The state modules an orchestration runs with on the master.
import type { StateLookup } from '../../../shared/state/types.js';
import { testStates } from '../../../shared/state/test-states.js';
import { saltStates, type SaltStateSettings } from './salt.js';

export function orchStates(settings: SaltStateSettings): StateLookup {
  const modules = new Map([saltStates(settings), testStates].map((module) => [module.name, module]));
  return (state) => modules.get(state);
}
