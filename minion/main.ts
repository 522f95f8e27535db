#!/usr/bin/env node
// salt-ts-minion: the minion daemon.
import { runDaemon } from '../shared/daemon-entry.js';
import { loadMinionConfig } from '../shared/config/load.js';
import { startMinion } from './daemon.js';

await runDaemon({
  name: 'salt-ts-minion',
  description: 'The salt-ts minion: runs the jobs its master publishes.',
  load: loadMinionConfig,
  start: startMinion,
});
