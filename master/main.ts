#!/usr/bin/env node
// salt-ts-master: the master daemon.
import { runDaemon } from '../shared/daemon-entry.js';
import { loadMasterConfig } from '../shared/config/load.js';
import { startMaster } from './daemon.js';

await runDaemon({
  name: 'salt-ts-master',
  description: 'The salt-ts master: keys, embedded broker, job publishing.',
  load: loadMasterConfig,
  start: startMaster,
});
