// npm: Node packages through the real npm binary (Salt's modules/npm.py). With a dir it
// works on that project's node_modules; without one, on the global packages.
import { pyStr } from '../../shared/output/py-str.js';
import { CommandExecutionError } from './command-error.js';
import { findJson, runNpm, type NpmOptions } from './npm/run-npm.js';
import type { BoundArgs, ExecModule } from './types.js';

const given = (value: unknown): string | null => (value == null || value === '' ? null : pyStr(value));
const optionsOf = (a: BoundArgs): NpmOptions => ({ dir: given(a.dir), runas: a.runas, env: a.env });
// No audit or funding lookups: they need the registry and change nothing on disk.
const QUIET = ['--no-audit', '--no-fund'];

function packageList(a: BoundArgs): string[] {
  if (a.pkgs != null) {
    if (!Array.isArray(a.pkgs)) throw new CommandExecutionError(`npm.install: pkgs must be a list, got ${pyStr(a.pkgs)}`);
    return a.pkgs.map(pyStr);
  }
  const pkg = given(a.pkg);
  return pkg === null ? [] : [pkg];
}

/** npm install --json; the parsed JSON summary ({added, removed, changed, add, ...}) or npm's text when it is not JSON. */
async function install(a: BoundArgs): Promise<unknown> {
  const pkgs = packageList(a);
  if (pkgs.length === 0 && given(a.dir) === null) throw new CommandExecutionError('npm.install: give pkg, pkgs or the dir of a project to install');
  const registry = given(a.registry);
  const args = [
    'install', '--json', ...QUIET,
    // npm 7+ prints no JSON at all with --silent; errors only keeps the output quiet and the JSON.
    ...(a.silent === false ? [] : ['--loglevel=error']),
    ...(registry === null ? [] : [`--registry=${registry}`]),
    ...(a.dry_run === true ? ['--dry-run'] : []),
    ...pkgs,
  ];
  const { stdout, stderr } = await runNpm(args, optionsOf(a));
  const output = stdout || stderr;
  try {
    return findJson(output);
  } catch {
    return output;
  }
}

async function uninstall(a: BoundArgs): Promise<boolean> {
  await runNpm(['uninstall', '--json', ...QUIET, '--loglevel=error', pyStr(a.pkg)], optionsOf(a));
  return true;
}

/** npm list --json: the installed packages ({name: {version, resolved, ...}}), at most depth levels deep. */
async function list(a: BoundArgs): Promise<Record<string, unknown>> {
  const pkg = given(a.pkg);
  const args = ['list', '--json', '--loglevel=error', ...(a.depth == null ? [] : [`--depth=${pyStr(a.depth)}`]), ...(pkg === null ? [] : [pkg])];
  // npm list exits 1 for missing or extraneous packages yet still reports the tree.
  const result = await runNpm(args, { ...optionsOf(a), allowFailure: true });
  let tree: { dependencies?: Record<string, unknown> };
  try {
    tree = JSON.parse(result.stdout || '{}') as typeof tree;
  } catch {
    throw new CommandExecutionError(`npm.list${a.dir ? ` in ${pyStr(a.dir)}` : ''}: npm did not answer JSON: ${result.stderr || result.stdout}`);
  }
  if (result.retcode !== 0 && !tree.dependencies && result.stderr) throw new CommandExecutionError(`npm.list${a.dir ? ` in ${pyStr(a.dir)}` : ''} failed: ${result.stderr}`);
  return tree.dependencies ?? {};
}

const COMMON = [{ name: 'dir', default: null }, { name: 'runas', default: null }, { name: 'env', default: null }];

export const npmModule: ExecModule = {
  name: 'npm',
  doc: 'Node packages through npm, in a project directory or globally.',
  functions: {
    install: {
      doc: 'Install pkg or pkgs in dir (globally without dir), or with dir alone the project\'s dependencies (npm install); registry, dry_run, silent. Returns npm\'s JSON summary. CLI: salt-ts \'*\' npm.install dir=/srv/app',
      params: [{ name: 'pkg', default: null }, { name: 'pkgs', default: null }, ...COMMON, { name: 'registry', default: null }, { name: 'silent', default: true }, { name: 'dry_run', default: false }],
      run: (_ctx, a) => install(a),
    },
    uninstall: {
      doc: 'Uninstall pkg from dir (globally without dir); True when npm succeeded. CLI: salt-ts \'*\' npm.uninstall left-pad dir=/srv/app',
      params: [{ name: 'pkg' }, ...COMMON],
      run: (_ctx, a) => uninstall(a),
    },
    list: {
      doc: 'The packages installed in dir (globally without dir), or only pkg, as npm list --json reports them, depth levels deep. CLI: salt-ts \'*\' npm.list dir=/srv/app depth=0',
      params: [{ name: 'pkg', default: null }, ...COMMON, { name: 'depth', default: null }],
      run: (_ctx, a) => list(a),
    },
  },
};
