// One orchestration run on the master: reads SLS files from the master's own file_roots,
// renders them in a render thread whose templates call master-side functions
// (salt.saltutil.cmd...), and gives each orchestration state its context.
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { FileRoots } from '../../shared/fileserver/roots.js';
import { RenderThread } from '../../shared/render/thread/render-thread.js';
import type { LoadedSls, SlsSource } from '../../shared/state/compile/index.js';
import type { LowChunk, StateContext } from '../../shared/state/types.js';
import type { MasterCall } from './calls.js';

export interface OrchSettings {
  /** The master's orchestration id, `<host>_master` as in Salt. */
  id: string;
  saltenv: string;
  pillar: Record<string, unknown>;
  renderer: string;
  opts: Record<string, unknown>;
}

const treePath = (url: string) => url.replace(/^salt:\/\//, '');

export class OrchRun implements SlsSource {
  private readonly roots: FileRoots;
  private readonly thread: RenderThread;

  constructor(
    fileRoots: Record<string, string[]>,
    readonly settings: OrchSettings,
    readonly call: MasterCall,
  ) {
    this.roots = new FileRoots(fileRoots);
    this.thread = new RenderThread({
      call: (fun, args, kwargs) => call(fun, args, kwargs),
      load: async (name, from) => {
        const url = templateUrl(name, from);
        const text = await this.read(url, settings.saltenv);
        return text === null ? null : { source: url, text };
      },
    });
  }

  private async read(url: string, saltenv: string): Promise<string | null> {
    const found = await this.roots.find(saltenv, treePath(url));
    return found && readFile(found.realPath, 'utf8');
  }

  private context(vars: Record<string, unknown>): Record<string, unknown> {
    const { pillar, opts, saltenv } = this.settings;
    return { grains: {}, pillar, opts, saltenv, ...vars };
  }

  async load(sls: string, saltenv: string): Promise<LoadedSls | null> {
    const path = sls.split('.').join('/');
    for (const url of [`salt://${path}.sls`, `salt://${path}/init.sls`]) {
      const text = await this.read(url, saltenv);
      if (text === null) continue;
      const tpldir = posix.dirname(treePath(url));
      const vars = { sls, saltenv, tplfile: treePath(url), tpldir, slspath: tpldir, slsdotpath: tpldir.replaceAll('/', '.') };
      const { data, nonStringIds } = await this.thread.renderSlsReportingIds(text, { source: url, context: this.context(vars), defaultRenderer: this.settings.renderer });
      return { data, source: url, nonStringIds };
    }
    return null;
  }

  stateContext(chunk: LowChunk, test: boolean): StateContext {
    const { id, pillar, opts } = this.settings;
    return {
      test,
      id,
      grains: {},
      pillar,
      opts,
      saltenv: chunk.__env__,
      stateId: chunk.__id__,
      sls: chunk.__sls__,
      call: (fun, arg = [], kwarg = {}) => this.call(fun, arg, kwarg),
      cacheFile: async (url, saltenv) => (await this.roots.find(saltenv ?? chunk.__env__, treePath(url)))?.realPath ?? null,
      listFiles: async (prefix, saltenv) => (await this.roots.list(saltenv ?? chunk.__env__, prefix)).files,
      renderTemplate: (text, renderer, source, vars = {}) => this.thread.renderText(text, renderer, { source, context: this.context({ sls: chunk.__sls__, ...vars }) }),
    };
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}

/** An imported template's salt:// URL: `./x` and `../x` relative to the importer. */
function templateUrl(name: string, from: string): string {
  if (name.startsWith('salt://')) return name;
  if (name.startsWith('./') || name.startsWith('../')) return `salt://${posix.normalize(posix.join(posix.dirname(treePath(from)), name))}`;
  return `salt://${name.replace(/^\/+/, '')}`;
}
