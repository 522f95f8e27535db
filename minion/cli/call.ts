#!/usr/bin/env node
// salt-ts-call FUNCTION [ARGS...]: run an execution function on this host with this
// minion's config and pillar, printing the return under `local` as Salt does.
import { userInfo } from 'node:os';
import { parseCliArgs } from '../../shared/args.js';
import { cliMain, cliProgram } from '../../shared/cli-main.js';
import { DEFAULT_CONFIG_DIR, loadMinionConfig } from '../../shared/config/load.js';
import { getOutputter } from '../../shared/output/index.js';
import { addOutputOptions, outputOptions, type OutputFlags } from '../../shared/output/cli-options.js';
import { defaultOutputter } from '../../shared/output/for-function.js';
import { JidGenerator } from '../../shared/jid.js';
import { GrainsSource } from '../grains/source.js';
import { ModuleRegistry } from '../modules/registry.js';
import { executeTask } from '../jobs/execute.js';
import { localDaemon } from '../jobs/local-daemon.js';
import { describeError } from '../../shared/errors.js';

const program = addOutputOptions(
  cliProgram('salt-ts-call', 'Run an execution function on this host.')
    .argument('<function>', 'module.function, e.g. test.ping')
    .argument('[arguments...]', 'positional arguments and key=value keyword arguments, typed as YAML')
    .option('-c, --config-dir <dir>', 'folder holding the minion config', DEFAULT_CONFIG_DIR)
    .option('--local', "never contact a master: salt:// files and the pillar come from this host's file_roots and pillar_roots (file_client: local)")
    .option('--retcode-passthrough', "exit with the function's own retcode"),
  'how to print the return',
);

cliMain('salt-ts-call', async () => {
  program.parse();
  const [fun, words] = program.processedArgs as [string, string[]];
  const opts = program.opts<OutputFlags & { configDir: string; local?: boolean; retcodePassthrough?: boolean }>();
  const config = loadMinionConfig(opts.configDir, (msg) => process.stderr.write(`[WARNING ] ${msg}\n`));
  if (opts.local) config.file_client = 'local'; // as salt-call --local does
  const grains = new GrainsSource(config);
  await grains.refresh();
  const { arg, kwarg } = parseCliArgs(words);
  const daemon = localDaemon(grains, config);
  // Without a master the function still runs, with an empty pillar (test.ping needs none).
  await daemon.pillar.refresh().catch((err) => process.stderr.write(`[WARNING ] no pillar for ${grains.minionId}: ${describeError(err)}\n`));
  const env = { registry: new ModuleRegistry(), opts: config, daemon: daemon.handler };
  const outcome = await executeTask(env, {
    jid: new JidGenerator().next(), id: grains.minionId, fun, arg, kwarg, grains: grains.current, pillar: daemon.pillar.current, tgt: grains.minionId, tgt_type: 'glob', user: userInfo().username,
  });
  const outputter = getOutputter(opts.out ?? defaultOutputter(fun));
  const text = outputter.format({ local: outcome.return }, outputOptions(opts, config, process.stdout.isTTY === true));
  if (text) process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  if (opts.retcodePassthrough) return outcome.retcode;
  return outcome.success ? 0 : 1;
});
