#!/usr/bin/env node
// salt-ts-call --local FUNCTION [ARGS...]: run an execution function on this host,
// without a master, printing the return under `local` as Salt does.
import { Command, Option } from 'commander';
import { DEFAULT_CONFIG_DIR } from '../../shared/config/load.js';
import { parseCliArgs } from '../../shared/args.js';
import { SaltTsError } from '../../shared/errors.js';
import { cliMain } from '../../shared/cli-main.js';
import { loadMinionConfig } from '../../shared/config/load.js';
import { getOutputter, outputterNames } from '../../shared/output/index.js';
import { VERSION } from '../../shared/version.js';
import { JidGenerator } from '../../shared/jid.js';
import { gatherCoreGrains } from '../grains/core.js';
import { mergeGrains } from '../grains/merge.js';
import { resolveMinionId } from '../identity.js';
import { ModuleRegistry } from '../modules/registry.js';
import { executeTask } from '../jobs/execute.js';

const program = new Command('salt-ts-call')
  .description('Run an execution function on this host.')
  .version(VERSION)
  .argument('<function>', 'module.function, e.g. test.ping')
  .argument('[arguments...]', 'positional arguments and key=value keyword arguments, typed as YAML')
  .option('-c, --config-dir <dir>', 'folder holding the minion config', DEFAULT_CONFIG_DIR)
  .option('--local', 'run without contacting a master')
  .option('--retcode-passthrough', "exit with the function's own retcode")
  .addOption(new Option('--out <outputter>', 'how to print the return').choices(outputterNames()).default('nested'))
  .option('--no-color', 'never colour the output');

cliMain('salt-ts-call', async () => {
  program.parse();
  const [fun, words] = program.processedArgs as [string, string[]];
  const opts = program.opts<{ configDir: string; local?: boolean; retcodePassthrough?: boolean; out: string; color: boolean }>();
  if (!opts.local) {
    throw new SaltTsError('SALTTS_BAD_ARGUMENT', 'salt-ts-call runs masterless for now: pass --local');
  }
  const outputter = getOutputter(opts.out);
  const config = loadMinionConfig(opts.configDir, (msg) => process.stderr.write(`[WARNING ] ${msg}\n`));
  const core = await gatherCoreGrains(VERSION);
  const id = resolveMinionId(config, String(core.fqdn));
  const { arg, kwarg } = parseCliArgs(words);
  const outcome = await executeTask(new ModuleRegistry(), {
    jid: new JidGenerator().next(), id, fun, arg, kwarg, grains: mergeGrains({ ...core, id }, config.grains),
  });
  const text = outputter.format({ local: outcome.return }, { color: opts.color && process.stdout.isTTY === true });
  if (text) process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  if (opts.retcodePassthrough) return outcome.retcode;
  return outcome.success ? 0 : 1;
});
