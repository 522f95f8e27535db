#!/usr/bin/env node
// salt-ts-key: list, accept, reject and delete minion keys (Salt's salt-key).
import { DEFAULT_CONFIG_DIR } from '../../shared/config/load.js';
import { KeyStore } from '../keys/store.js';
import { planKeyAction, type KeyAction } from '../keys/actions.js';
import { formatKeyLists, formatFingerprints } from '../keys/format.js';
import { connectAsCli, loadCliConfig } from '../client/connect.js';
import { notifyKeysChanged } from '../client/keys.js';
import { confirm } from './confirm.js';
import { cliMain, cliProgram } from '../../shared/cli-main.js';
import { describeError } from '../../shared/errors.js';

interface KeyOptions {
  configDir: string;
  listAll?: boolean;
  accept?: string;
  acceptAll?: boolean;
  reject?: string;
  rejectAll?: boolean;
  delete?: string;
  deleteAll?: boolean;
  finger?: string;
  fingerAll?: boolean;
  includeRejected?: boolean;
  includeAccepted?: boolean;
  yes?: boolean;
  out: string;
  color: boolean;
}

const program = cliProgram('salt-ts-key', 'Manage minion keys: a minion receives jobs only once its key is accepted.')
  .option('-c, --config-dir <dir>', 'folder holding the master config', DEFAULT_CONFIG_DIR)
  .option('-L, --list-all', 'list every key (the default)')
  .option('-a, --accept <glob>', 'accept the unaccepted keys matching the glob')
  .option('-A, --accept-all', 'accept every unaccepted key')
  .option('-r, --reject <glob>', 'reject the unaccepted keys matching the glob')
  .option('-R, --reject-all', 'reject every unaccepted key')
  .option('-d, --delete <glob>', 'delete the keys matching the glob, whatever their list')
  .option('-D, --delete-all', 'delete every key')
  .option('-f, --finger <glob>', "print the fingerprints of the keys matching the glob")
  .option('-F, --finger-all', 'print the fingerprints of every key')
  .option('--include-rejected', 'let -a / -A also accept rejected keys')
  .option('--include-accepted', 'let -r / -R also reject accepted keys')
  .option('-y, --yes', 'answer yes to every question')
  .option('--out <outputter>', 'key (default) or json', 'key')
  .option('--no-color', 'never colour the output');

cliMain('salt-ts-key', async () => {
  const opts = program.parse().opts<KeyOptions>();
  const config = loadCliConfig(opts.configDir);
  const store = new KeyStore(config.pki_dir);
  const color = opts.color && process.stdout.isTTY === true;
  const json = opts.out === 'json';
  if (opts.out !== 'key' && !json) throw new Error(`unknown outputter '${opts.out}' for keys: use key or json`);

  const fingerGlob = opts.fingerAll ? '*' : opts.finger;
  if (fingerGlob !== undefined) {
    process.stdout.write(formatFingerprints(store, fingerGlob, { json, color }));
    return 0;
  }
  const action = chosenAction(opts);
  if (!action) {
    process.stdout.write(formatKeyLists(store.list(), { json, color }));
    return 0;
  }
  const plan = planKeyAction(store, action, { includeRejected: !!opts.includeRejected, includeAccepted: !!opts.includeAccepted });
  if (plan.matched.length === 0) {
    process.stderr.write(`${plan.noMatchMessage}\n`);
    return 1;
  }
  if (!opts.yes) {
    process.stdout.write(`The following keys are going to be ${plan.pastTense}:\n${formatKeyLists(plan.byList, { json: false, color }, true)}`);
    if (!(await confirm(plan.defaultYes))) return 1;
  }
  for (const line of plan.apply()) process.stdout.write(`${line}\n`);
  await tellMaster(config);
  return 0;
});

function chosenAction(opts: KeyOptions): KeyAction | null {
  if (opts.acceptAll) return { verb: 'accept', glob: '*' };
  if (opts.accept !== undefined) return { verb: 'accept', glob: opts.accept };
  if (opts.rejectAll) return { verb: 'reject', glob: '*' };
  if (opts.reject !== undefined) return { verb: 'reject', glob: opts.reject };
  if (opts.deleteAll) return { verb: 'delete', glob: '*' };
  if (opts.delete !== undefined) return { verb: 'delete', glob: opts.delete };
  return null;
}

/** The key files changed; the master applies them to the broker at once if it runs. */
async function tellMaster(config: ReturnType<typeof loadCliConfig>): Promise<void> {
  try {
    const nc = await connectAsCli(config);
    try {
      await notifyKeysChanged(nc);
    } finally {
      await nc.close();
    }
  } catch (err) {
    process.stderr.write(`salt-ts-key: the master did not apply the change now (${describeError(err)}); it takes effect when the master starts\n`);
  }
}
