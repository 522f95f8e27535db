#!/usr/bin/env node
// salt-ts-run FUNCTION [ARGS...]: run a runner on the master's host.
import { Option } from 'commander';
import { DEFAULT_CONFIG_DIR } from '../../shared/config/load.js';
import { parseCliArgs } from '../../shared/args.js';
import { SaltTsError } from '../../shared/errors.js';
import { getOutputter, outputterNames } from '../../shared/output/index.js';
import { connectAsCli, loadCliConfig } from '../client/connect.js';
import { findRunner, runnerNames } from '../runners/registry.js';
import { cliMain, cliProgram } from '../../shared/cli-main.js';

const program = cliProgram('salt-ts-run', 'Run a runner function on the master.')
  .argument('<function>', `runner function (${runnerNames().join(', ')})`)
  .argument('[arguments...]', 'positional arguments and key=value keyword arguments')
  .option('-c, --config-dir <dir>', 'folder holding the master config', DEFAULT_CONFIG_DIR)
  .addOption(new Option('--out <outputter>', 'how to print the result').choices(outputterNames()))
  .option('--no-color', 'never colour the output');

cliMain('salt-ts-run', async () => {
  program.parse();
  const [fun, words] = program.processedArgs as [string, string[]];
  const opts = program.opts<{ configDir: string; out?: string; color: boolean }>();
  const runner = findRunner(fun);
  if (!runner) throw new SaltTsError('SALTTS_UNKNOWN_FUNCTION', `'${fun}' is not available. Runners: ${runnerNames().join(', ')}`);
  const config = loadCliConfig(opts.configDir);
  const nc = await connectAsCli(config);
  try {
    const ctx = { config, nc, args: parseCliArgs(words) };
    const result = await runner.run(ctx);
    const outputter = getOutputter(opts.out ?? (typeof runner.outputter === 'function' ? runner.outputter(ctx) : runner.outputter) ?? 'nested');
    // A runner that printed as it went (state.event) has nothing left to print.
    const text = result === undefined ? '' : outputter.format(result, { color: opts.color && process.stdout.isTTY === true });
    if (text) process.stdout.write(text.endsWith('\n') ? text : text + '\n');
    return runner.retcode?.(result) ?? 0;
  } finally {
    await nc.close();
  }
});
