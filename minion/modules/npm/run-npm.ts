// Runs the npm binary (in a project dir, or --global without one), as the minion's user
// or runas, with extra environment; a failure raises with npm's own error text.
import { runTool } from '../../platform/run-tool.js';
import { pyStr } from '../../../shared/output/py-str.js';
import { asUser, resolveRunas, userEnv } from '../cmd/run-as.js';
import { CommandExecutionError } from '../command-error.js';

export interface NpmOptions {
  dir: string | null;
  runas: unknown;
  env: unknown;
  /** Return a failed run instead of raising (npm list exits 1 on a problem it still reports). */
  allowFailure?: boolean;
}

export interface NpmResult {
  retcode: number;
  stdout: string;
  stderr: string;
}

function envDict(env: unknown): Record<string, string> {
  if (env == null) return {};
  if (typeof env !== 'object' || Array.isArray(env)) throw new CommandExecutionError(`npm: env must be a dict, got ${pyStr(env)}`);
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, pyStr(v)]));
}

export async function runNpm(args: string[], options: NpmOptions): Promise<NpmResult> {
  const user = await resolveRunas(options.runas);
  const argv = ['npm', ...args, ...(options.dir === null ? ['--global'] : [])];
  const env = { ...process.env, ...(user ? userEnv(user) : {}), ...envDict(options.env) };
  const outcome = await runTool(user ? await asUser(user, argv) : argv, { cwd: options.dir ?? undefined, env, limit: 64 * 1024 * 1024 }, 'Debian package npm');
  const result = { retcode: outcome.retcode, stdout: outcome.stdout.text().trim(), stderr: outcome.stderr.text().trim() };
  if (result.retcode !== 0 && !options.allowFailure) {
    throw new CommandExecutionError(`Command '${argv.join(' ')}'${options.dir ? ` in ${options.dir}` : ''} failed: ${result.stderr || result.stdout || `exit code ${result.retcode}`}`);
  }
  return result;
}

/** Salt's find_json: the JSON document in npm's output, which may print lines before it (--dry-run does). */
export function findJson(output: string): unknown {
  const lines = output.split('\n');
  for (let start = 0; start < lines.length; start++) {
    if (!/^\s*[[{]/.test(lines[start]!)) continue;
    try {
      return JSON.parse(lines.slice(start).join('\n'));
    } catch {
      // not JSON from this line on: try the next one that opens a document
    }
  }
  throw new SyntaxError('no JSON in the output');
}
