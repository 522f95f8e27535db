// The minion's state modules, by name, as the state runner looks them up (Salt's
// loader for states). Every state module is registered here.
import type { StateLookup, StateModule } from '../../shared/state/types.js';
import { archiveStates } from './archive.js';
import { cmdStates } from './cmd.js';
import { cronStates } from './cron.js';
import { fileStates } from './file.js';
import { gitStates } from './git.js';
import { groupStates } from './group.js';
import { httpStates } from './http.js';
import { npmStates } from './npm.js';
import { pkgStates } from './pkg.js';
import { serviceStates } from './service.js';
import { supervisordStates } from './supervisord.js';
import { testStates } from '../../shared/state/test-states.js';
import { userStates } from './user.js';

export const STATE_MODULES: readonly StateModule[] = [
  testStates, cmdStates, fileStates, pkgStates, serviceStates, userStates, groupStates, gitStates, archiveStates, cronStates, httpStates, npmStates,
  supervisordStates,
];

const byName = new Map(STATE_MODULES.map((module) => [module.name, module]));

/** The state module named `state` (e.g. 'file' for file.managed); undefined when there is none. */
export const minionStates: StateLookup = (state) => byName.get(state);
