#!/usr/bin/env node
// salt-ts TARGET FUNCTION [ARGS...]: run an execution function on the targeted minions.
import { Command, Option } from 'commander';
import { userInfo } from 'node:os';
import { DEFAULT_CONFIG_DIR } from '../../shared/config/load.js';
import { parseCliArgs } from '../../shared/args.js';
import { getOutputter, outputterNames } from '../../shared/output/index.js';
import type { TargetType } from '../../shared/targeting/types.js';
import { checkTarget } from '../../shared/targeting/match.js';
import { VERSION } from '../../shared/version.js';
import { connectAsCli, loadCliConfig } from '../client/connect.js';
import { publishJob } from '../client/publish.js';
import { cliMain } from '../../shared/cli-main.js';
import { printReturns } from './print-returns.js';

interface SaltOptions {
  configDir: string;
  timeout?: number;
  pcre?: boolean;
  list?: boolean;
  out: string;
  color: boolean;
  async?: boolean;
  verbose?: boolean;
}

const program = new Command('salt-ts')
  .description('Run an execution function on the minions a target matches.')
  .version(VERSION)
  .argument('<target>', "which minions: a glob on minion ids by default ('*', 'web*')")
  .argument('<function>', 'module.function, e.g. test.ping')
  .argument('[arguments...]', 'positional arguments and key=value keyword arguments, typed as YAML')
  .option('-c, --config-dir <dir>', 'folder holding the master config', DEFAULT_CONFIG_DIR)
  .option('-t, --timeout <seconds>', 'seconds to wait for returns (default: the master config timeout)', parseFloat)
  .option('-E, --pcre', 'the target is a regular expression on minion ids')
  .option('-L, --list', 'the target is a comma-separated list of minion ids')
  .addOption(new Option('--out <outputter>', 'how to print returns').choices(outputterNames()).default('nested'))
  .option('--no-color', 'never colour the output')
  .option('--async', 'publish the job and print its jid without waiting')
  .option('-v, --verbose', 'print the jid before the returns')
  .allowExcessArguments(false);

cliMain('salt-ts', async () => {
  program.parse();
  const [target, fun, words] = program.processedArgs as [string, string, string[]];
  const opts = program.opts<SaltOptions>();
  const tgtType: TargetType = opts.pcre ? 'pcre' : opts.list ? 'list' : 'glob';
  const outputter = getOutputter(opts.out);
  checkTarget(target, tgtType);
  const config = loadCliConfig(opts.configDir);
  const timeout = opts.async ? 0 : (opts.timeout ?? config.timeout);
  const nc = await connectAsCli(config);
  try {
    const { arg, kwarg } = parseCliArgs(words);
    const job = await publishJob(nc, { tgt: target, tgt_type: tgtType, fun, arg, kwarg, user: userInfo().username, timeout });
    if (job.minions.length === 0) {
      process.stderr.write('No minions matched the target. No command was sent, no jid was assigned.\n');
      return 2;
    }
    if (opts.async) {
      process.stdout.write(`Executed command with job ID: ${job.jid}\n`);
      return 0;
    }
    if (opts.verbose) process.stdout.write(`Executing job with jid ${job.jid}\n${'-'.repeat(43)}\n\n`);
    const color = opts.color && process.stdout.isTTY === true;
    return await printReturns(job, { outputter, color, write: (t) => process.stdout.write(t) });
  } finally {
    await nc.close();
  }
});
