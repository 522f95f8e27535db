// cp: files from the salt:// file server (the master's, or this host's file_roots with
// file_client: local), as Salt's cp module offers them.
import { readFile } from 'node:fs/promises';
import { isSaltUrl } from '../../shared/fileserver/salt-url.js';
import { pyStr } from '../../shared/output/py-str.js';
import { CommandExecutionError } from './command-error.js';
import { askFiles } from './cp/ask.js';
import { getFile } from './cp/get-file.js';
import { getTemplate } from './cp/get-template.js';
import type { BoundArgs, ExecContext, ExecModule } from './types.js';

/** The saltenv a call names; Salt's default when it names none. */
const saltenvOf = (a: BoundArgs) => (a.saltenv == null || a.saltenv === '' ? 'base' : pyStr(a.saltenv));

async function cacheFile(ctx: ExecContext, url: unknown, saltenv: string): Promise<string | false> {
  return (await askFiles(ctx, { op: 'cache_file', url: pyStr(url), saltenv })) ?? false;
}

async function listing(ctx: ExecContext, a: BoundArgs) {
  return askFiles(ctx, { op: 'list_files', prefix: a.prefix == null ? '' : pyStr(a.prefix), saltenv: saltenvOf(a) });
}

const URL_AND_ENV = [{ name: 'path' }, { name: 'saltenv', default: null }];
const ENV_AND_PREFIX = [{ name: 'saltenv', default: null }, { name: 'prefix', default: '' }];

export const cpModule: ExecModule = {
  name: 'cp',
  doc: 'Files from the salt:// file server: fetch, cache, hash and list them.',
  functions: {
    get_file: {
      doc: "Copy salt://path to dest on the minion (into it, under the file's name, when dest is a directory); return dest, '' when the file is not on the file server, False when dest's folder is missing and makedirs is False. saltenv or ?saltenv= in the URL picks the environment; gzip is accepted and ignored.",
      params: [{ name: 'path' }, { name: 'dest' }, { name: 'saltenv', default: null }, { name: 'makedirs', default: false }, { name: 'template', default: null }, { name: 'gzip', default: null }],
      varkw: true,
      run: (ctx, a) => {
        if (a.template != null) throw new CommandExecutionError('cp.get_file template= (rendering the path and dest) is not available in salt-ts yet');
        return getFile(ctx, pyStr(a.path), a.dest, saltenvOf(a), a.makedirs === true);
      },
    },
    get_template: {
      doc: "Render salt://path as a template (template='jinja') with this minion's grains and pillar, keyword arguments as extra variables, and write it to dest; return dest, '' when the file is not on the file server.",
      params: [{ name: 'path' }, { name: 'dest' }, { name: 'template', default: 'jinja' }, { name: 'saltenv', default: null }, { name: 'makedirs', default: false }],
      varkw: true,
      run: (ctx, a) =>
        getTemplate(ctx, pyStr(a.path), a.dest, { saltenv: saltenvOf(a), renderer: pyStr(a.template), makedirs: a.makedirs === true, vars: a.kwargs ?? {} }),
    },
    cache_file: {
      doc: "Fetch salt://path into the minion's file cache (cachedir/files/<saltenv>/<path>) unless the cached copy already matches, and return the cached path; False when the file is not on the file server.",
      params: [{ name: 'path' }, { name: 'saltenv', default: 'base' }, { name: 'source_hash', default: null }],
      run: (ctx, a) => cacheFile(ctx, a.path, saltenvOf(a)),
    },
    cache_files: {
      doc: 'Cache each of a list (or comma-separated string) of salt:// URLs like cp.cache_file; return the list of cached paths (False for a missing file).',
      params: [{ name: 'paths' }, { name: 'saltenv', default: 'base' }],
      run: async (ctx, a) => {
        const urls = Array.isArray(a.paths) ? a.paths.map(pyStr) : pyStr(a.paths).split(',');
        const cached = [];
        for (const url of urls) cached.push(await cacheFile(ctx, url, saltenvOf(a)));
        return cached;
      },
    },
    get_file_str: {
      doc: 'Return the text of salt://path (cached first), or False when it is not on the file server.',
      params: [{ name: 'path' }, { name: 'saltenv', default: 'base' }],
      run: async (ctx, a) => {
        const cached = await cacheFile(ctx, a.path, saltenvOf(a));
        return cached === false ? false : readFile(cached, 'utf8');
      },
    },
    hash_file: {
      doc: "Return {hash_type, hsum} of salt://path as the file server reports it (or of a local absolute path); '' for a missing salt:// file, {} for a missing local one.",
      params: URL_AND_ENV,
      run: async (ctx, a) => {
        const url = pyStr(a.path);
        return (await askFiles(ctx, { op: 'hash_file', url, saltenv: saltenvOf(a) })) ?? (isSaltUrl(url) ? '' : {});
      },
    },
    is_cached: {
      doc: "Return the local path of salt://path if it is already in the minion's file cache (with file_client: local, in the file roots), else ''.",
      params: URL_AND_ENV,
      run: (ctx, a) => askFiles(ctx, { op: 'is_cached', url: pyStr(a.path), saltenv: saltenvOf(a) }),
    },
    envs: {
      doc: "Return the file server's saltenvs.",
      run: (ctx) => askFiles(ctx, { op: 'list_envs' }),
    },
    list_master: {
      doc: "Return the files of the file server's saltenv (default base) whose paths start with prefix, sorted.",
      params: ENV_AND_PREFIX,
      run: async (ctx, a) => (await listing(ctx, a)).files,
    },
    list_master_dirs: {
      doc: "Return the directories of the file server's saltenv whose paths start with prefix, sorted.",
      params: ENV_AND_PREFIX,
      run: async (ctx, a) => (await listing(ctx, a)).dirs,
    },
    list_states: {
      doc: "Return the SLS names available in the file server's saltenv (webapp for webapp/init.sls, webapp.nginx for webapp/nginx.sls).",
      params: [{ name: 'saltenv', default: null }],
      run: async (ctx, a) => {
        const names = (await listing(ctx, { ...a, prefix: '' })).files
          .filter((f) => f.endsWith('.sls'))
          .map((f) => f.replace(/(\/init)?\.sls$/, '').replaceAll('/', '.'));
        return [...new Set(names)].sort();
      },
    },
  },
};
