// What both daemons do around their real work: parse `-c DIR` and `-l LEVEL`, load
// the config (stopping with a clear message when it is wrong), log, and shut down
// cleanly on SIGINT/SIGTERM.
import { Command } from 'commander';
import { createLogger, type Logger } from './log.js';
import { describeError } from './errors.js';
import { VERSION } from './version.js';
import { DEFAULT_CONFIG_DIR } from './config/load.js';

export interface DaemonSpec<C extends { log_level: string; log_file: string }> {
  name: string;
  description: string;
  load: (dir: string, warn: (msg: string) => void) => C;
  start: (config: C, log: Logger) => Promise<{ stop(): Promise<void> }>;
}

export async function runDaemon<C extends { log_level: string; log_file: string }>(spec: DaemonSpec<C>): Promise<void> {
  const opts = new Command(spec.name)
    .description(spec.description)
    .version(VERSION)
    .option('-c, --config-dir <dir>', 'folder holding the config file', DEFAULT_CONFIG_DIR)
    .option('-l, --log-level <level>', 'console and file log level (overrides log_level)')
    .parse()
    .opts<{ configDir: string; logLevel?: string }>();

  let config: C;
  try {
    config = spec.load(opts.configDir, (msg) => process.stderr.write(`[WARNING ] ${msg}\n`));
  } catch (err) {
    process.stderr.write(`${spec.name}: ${describeError(err)}\n`);
    process.exit(1);
  }
  if (opts.logLevel) config.log_level = opts.logLevel;
  const log = createLogger(spec.name, config.log_level, config.log_file);

  let running: { stop(): Promise<void> };
  try {
    running = await spec.start(config, log);
  } catch (err) {
    log.fatal(`${spec.name} cannot start: ${describeError(err)}`);
    process.stderr.write(`${spec.name}: ${describeError(err)}\n`);
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${spec.name} stopping (${signal})`);
    running.stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
