#!/usr/bin/env node
// salt-ts TARGET FUNCTION [ARGS...]: run an execution function on the targeted minions.
import { userInfo } from 'node:os';
import { DEFAULT_CONFIG_DIR } from '../../shared/config/load.js';
import { parseFunctionCall } from '../../shared/args.js';
import { cliMain, cliProgram } from '../../shared/cli-main.js';
import { getOutputter } from '../../shared/output/index.js';
import { addOutputOptions, outputOptions, type OutputFlags } from '../../shared/output/cli-options.js';
import { defaultOutputter } from '../../shared/output/for-function.js';
import { checkTarget } from '../../shared/targeting/match.js';
import type { PublishRequest } from '../../shared/protocol/messages.js';
import { connectAsCli, loadCliConfig } from '../client/connect.js';
import { publishJob } from '../client/publish.js';
import { batchSize, runBatch } from '../client/batch.js';
import { addTargetOptions, chosenTargetType } from './target-options.js';
import { ReturnPrinter } from './print-returns.js';
import { outputSink } from './output-sink.js';

/** From this many expected minions on, a terminal shows a progress line. */
const PROGRESS_FROM = 10;

interface SaltOptions extends OutputFlags {
  configDir: string;
  timeout?: number;
  outFile?: string;
  static?: boolean;
  async?: boolean;
  verbose?: boolean;
  batchSize?: string;
  batchWait: number;
  failhard?: boolean;
  argsSeparator: string;
}

const program = addOutputOptions(addTargetOptions(
  cliProgram('salt-ts', 'Run an execution function on the minions a target matches.')
    .argument('<target>', "which minions: a glob on minion ids by default ('*', 'web*')")
    .argument('<function>', 'module.function, e.g. test.ping')
    .argument('[arguments...]', 'positional arguments and key=value keyword arguments, typed as YAML')
    .option('-c, --config-dir <dir>', 'folder holding the master config', DEFAULT_CONFIG_DIR),
), 'how to print returns')
  .option('-t, --timeout <seconds>', 'seconds to wait for returns (default: the master config timeout)', parseFloat)
  .option('--out-file <file>', 'write the output to this file instead of stdout')
  .option('--static', 'print every return at the end, as one document')
  .option('--async', 'publish the job and print its jid without waiting')
  .option('-v, --verbose', 'print the jid before the returns')
  .option('-b, --batch-size <size>', 'run on N minions (or N%) at a time, rolling')
  .option('--batch-wait <seconds>', 'with -b: wait this long after a minion returns before starting the next', parseFloat, 0)
  .option('--failhard', 'with -b: stop starting minions after the first failure')
  .option('--args-separator <sep>', "with several functions (test.ping,test.echo): the word between their arguments", ',')
  .allowExcessArguments(false);

cliMain('salt-ts', async () => {
  program.parse();
  const [target, fun, words] = program.processedArgs as [string, string, string[]];
  const opts = program.opts<SaltOptions & Record<string, unknown>>();
  const tgtType = chosenTargetType(opts);
  checkTarget(target, tgtType);
  if (opts.batchSize !== undefined) batchSize(opts.batchSize, 1); // a malformed size is a usage error, before connecting
  const config = loadCliConfig(opts.configDir);
  const call = parseFunctionCall(fun, words, opts.argsSeparator);
  const outputter = getOutputter(opts.out ?? defaultOutputter(call.fun));
  const timeout = opts.async ? 0 : (opts.timeout ?? config.timeout);
  const req: PublishRequest = { tgt: target, tgt_type: tgtType, ...call, user: userInfo().username, timeout };
  const write = outputSink(opts.outFile);
  const format = outputOptions(opts, config, !opts.outFile && process.stdout.isTTY === true);
  const printerFor = (expected: number) =>
    new ReturnPrinter(
      { outputter, format, write, static: !!opts.static, progress: process.stderr.isTTY === true && expected >= PROGRESS_FROM },
      expected,
    );

  const nc = await connectAsCli(config);
  try {
    let matched: string[];
    let printer: ReturnPrinter;
    if (opts.batchSize !== undefined) {
      printer = printerFor(0);
      matched = await runBatch(nc, req, {
        size: opts.batchSize,
        wait: opts.batchWait,
        failhard: !!opts.failhard,
        follow: { gatherJobTimeout: config.gather_job_timeout },
        onBatch: (ids) => process.stderr.write(`\nExecuting run on ${JSON.stringify(ids).replace(/"/g, "'")}\n\n`),
        onReturn: (ret) => printer.onReturn(ret),
        onMissing: (id) => printer.onMissing(id),
      });
    } else {
      const job = await publishJob(nc, req, { gatherJobTimeout: config.gather_job_timeout });
      matched = job.minions;
      if (matched.length && opts.async) {
        process.stdout.write(`Executed command with job ID: ${job.jid}\n`);
        return 0;
      }
      if (matched.length && opts.verbose) write(`Executing job with jid ${job.jid}\n${'-'.repeat(43)}\n\n`);
      printer = printerFor(matched.length);
      for await (const ret of job.returns()) printer.onReturn(ret);
      for (const id of job.missing()) printer.onMissing(id);
    }
    if (matched.length === 0) {
      process.stderr.write('No minions matched the target. No command was sent, no jid was assigned.\n');
      return 2;
    }
    printer.finish();
    if (!printer.failed) return 0;
    process.stderr.write('ERROR: Minions returned with non-zero exit code\n');
    return 1;
  } finally {
    await nc.close();
  }
});
