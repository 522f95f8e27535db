// One state run of a job: the saltenv and test mode it runs with (its pillar is its
// context's: ExecContext.withPillar), the render thread its templates use, and what it
// gives the compiler (SLS files) and each state (its context).
import type { LoadedSls, SlsSource } from '../../shared/state/compile/index.js';
import type { LowChunk, StateContext } from '../../shared/state/types.js';
import type { ExecContext } from '../modules/types.js';
import { jobRenderHost } from './render-host.js';
import { leaseRenderThread, type RenderLease } from './render-threads.js';
import { slsVariables } from './sls-variables.js';
import { readTreeFile, slsCandidates } from './tree-files.js';

export interface StateRunSettings {
  saltenv: string;
  /** The saltenv named on the command line: only its top file counts. Unset: every saltenv's. */
  topSaltenv?: string;
  test: boolean;
}

export class StateRun implements SlsSource {
  private readonly lease: RenderLease;
  /** salt:// files fetched in this run: a hundred states from one template ask the master once. */
  private readonly fetched = new Map<string, Promise<string | null>>();

  constructor(
    readonly exec: ExecContext,
    readonly settings: StateRunSettings,
  ) {
    this.lease = leaseRenderThread(jobRenderHost(exec, settings.saltenv));
  }

  private get renderer() {
    return this.lease.thread;
  }

  private cacheFile(url: string, saltenv: string): Promise<string | null> {
    if (!url.startsWith('salt://')) return this.exec.daemon({ op: 'cache_file', url, saltenv });
    const key = `${saltenv}\0${url}`;
    let fetched = this.fetched.get(key);
    if (!fetched) {
      fetched = this.exec.daemon({ op: 'cache_file', url, saltenv });
      this.fetched.set(key, fetched);
    }
    return fetched;
  }

  /** What every template of this run sees. */
  private baseContext(): Record<string, unknown> {
    return { grains: this.exec.grains, pillar: this.exec.pillar, opts: this.exec.opts, saltenv: this.settings.saltenv };
  }

  /** Renders text through a pipeline (`jinja|yaml`, or its own #! line), with extra variables. */
  render(text: string, source: string, vars: Record<string, unknown> = {}, pipeline = this.exec.opts.renderer): Promise<unknown> {
    return this.renderer.renderSls(text, this.slsOptions(source, vars, pipeline));
  }

  private slsOptions(source: string, vars: Record<string, unknown>, pipeline = this.exec.opts.renderer) {
    return { source, context: { ...this.baseContext(), ...vars }, defaultRenderer: pipeline };
  }

  /** Renders a file template (file.managed's `template: jinja`) to text. */
  renderTemplate(text: string, renderer: string, source: string, vars: Record<string, unknown> = {}): Promise<string> {
    return this.renderer.renderText(text, renderer, { source, context: { ...this.baseContext(), ...vars } });
  }

  /** Renders a top file or other data file of the tree; null when it does not exist. */
  async renderTreeFile(url: string, saltenv: string): Promise<{ data: unknown; source: string } | null> {
    const file = await readTreeFile(this.exec, url, saltenv);
    return file && { data: await this.render(file.text, file.url, slsVariables('', file.url, saltenv)), source: file.url };
  }

  async load(sls: string, saltenv: string): Promise<LoadedSls | null> {
    for (const url of slsCandidates(sls)) {
      const file = await readTreeFile(this.exec, url, saltenv);
      if (!file) continue;
      const { data, nonStringIds } = await this.renderer.renderSlsReportingIds(file.text, this.slsOptions(url, slsVariables(sls, url, saltenv)));
      return { data, source: url, nonStringIds };
    }
    return null;
  }

  stateContext(chunk: LowChunk, test: boolean): StateContext {
    const exec = this.exec;
    const saltenvOf = (saltenv?: string) => saltenv ?? chunk.__env__;
    return {
      test,
      id: exec.id,
      grains: exec.grains,
      pillar: exec.pillar,
      opts: exec.opts as unknown as Record<string, unknown>,
      saltenv: chunk.__env__,
      stateId: chunk.__id__,
      sls: chunk.__sls__,
      call: (fun, arg = [], kwarg = {}) => exec.call(fun, arg, kwarg),
      cacheFile: (url, saltenv) => this.cacheFile(url, saltenvOf(saltenv)),
      listFiles: async (prefix, saltenv) => {
        const listing = await exec.daemon({ op: 'list_files', prefix, saltenv: saltenvOf(saltenv) });
        // file.recurse's include_empty knows empty directories by their trailing slash.
        return [...listing.files, ...listing.empty_dirs.map((dir) => (dir.endsWith('/') ? dir : `${dir}/`))];
      },
      renderTemplate: (text, renderer, source, vars = {}) => this.renderTemplate(text, renderer, source, { saltenv: chunk.__env__, sls: chunk.__sls__, ...vars }),
    };
  }

  close(): Promise<void> {
    return this.lease.release();
  }
}
