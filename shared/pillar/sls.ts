// The pillar SLS files of one saltenv, each rendered at most once (Salt's render_pstate
// with its `mods`): a file's data with its `include:`s merged under it. Every failure is a
// string in `errors` and the file gives no data; nothing here throws.
import { describeError } from '../errors.js';
import { RenderError } from '../render/errors.js';
import type { LoadedTemplate } from '../render/types.js';
import { isDict } from '../state/compile/high.js';
import { resolveInclude } from '../state/compile/include.js';
import { mergePillar } from './merge.js';
import type { PillarMergeStrategy, PillarTree } from './types.js';

type Data = Record<string, unknown>;

export interface SaltenvPillarSetup {
  tree: PillarTree;
  saltenv: string;
  /** Renders a pillar file with these extra template variables (`sls`, include defaults). */
  render(file: LoadedTemplate, vars: Data): Promise<unknown>;
  strategy: PillarMergeStrategy;
  mergeLists: boolean;
  /** SLS names whose absence is no error (`- ignore_missing: True` in the top file). */
  ignoreMissing: ReadonlySet<string>;
  errors: string[];
}

/** One `include:` entry: `- db`, `- .db`, or `- db: {defaults: {...}, key: 'a:b'}`. */
interface IncludeRef {
  sls: string;
  defaults: Data;
  key?: string;
}

export class SaltenvPillar {
  /** Data of the SLS names rendered so far; undefined for those that gave none. */
  private readonly done = new Map<string, Data | undefined>();

  constructor(private readonly setup: SaltenvPillarSetup) {}

  /** The data of `sls` with its includes merged under it; undefined when it gives none. */
  async data(sls: string, defaults: Data = {}, includedBy?: string): Promise<Data | undefined> {
    if (this.done.has(sls)) return this.done.get(sls);
    this.done.set(sls, undefined);
    const file = await this.find(sls, includedBy);
    if (!file) return undefined;
    const rendered = await this.render(sls, file, defaults);
    if (!isDict(rendered)) return undefined;
    const { include, ...own } = rendered;
    // An include cycle back to this SLS gets its own data, as Salt's mods give it.
    this.done.set(sls, own);
    if (include === undefined) return own;
    const data = await this.withIncludes(own, include, sls, file.source);
    this.done.set(sls, data);
    return data;
  }

  private async find(sls: string, includedBy: string | undefined): Promise<LoadedTemplate | null> {
    const { tree, saltenv, errors } = this.setup;
    const path = sls.split('.').join('/');
    try {
      const file = (await tree.read(saltenv, `${path}.sls`)) ?? (await tree.read(saltenv, `${path}/init.sls`));
      // Salt is silent about a saltenv without pillar roots, and about ignore_missing names.
      if (!file && tree.saltenvs().includes(saltenv) && !this.setup.ignoreMissing.has(sls)) {
        const from = includedBy === undefined ? '' : ` (included by SLS '${includedBy}')`;
        errors.push(`Specified SLS '${sls}' in environment '${saltenv}' is not available on the salt master${from}`);
      }
      return file;
    } catch (err) {
      errors.push(`Reading SLS '${sls}' in environment '${saltenv}' failed: ${describeError(err)}`);
      return null;
    }
  }

  /** The rendered data; undefined (with the reason in errors) when it failed or is not a dict. */
  private async render(sls: string, file: LoadedTemplate, defaults: Data): Promise<Data | undefined> {
    const { errors } = this.setup;
    let rendered: unknown;
    try {
      rendered = await this.setup.render(file, { ...defaults, sls });
    } catch (err) {
      errors.push(err instanceof RenderError ? err.message : `Rendering SLS '${file.source}' failed: ${describeError(err)}`);
      return undefined;
    }
    if (isDict(rendered)) return rendered;
    // Salt lets an empty result pass as nothing; anything else is a malformed pillar file.
    if (rendered) errors.push(`SLS '${sls}' does not render to a dictionary (${file.source} renders to ${describeKind(rendered)})`);
    return undefined;
  }

  /** The included files' data merged in order, then `own` over them (Salt's default,
   * pillar_includes_override_sls False). */
  private async withIncludes(own: Data, include: unknown, sls: string, source: string): Promise<Data> {
    const { errors, strategy, mergeLists } = this.setup;
    if (!Array.isArray(include)) {
      errors.push(`Include Declaration in SLS '${sls}' is not formed as a list (${source})`);
      return own;
    }
    let merged: Data = {};
    for (const entry of include) {
      const ref = this.includeRef(entry, sls, source);
      if ('error' in ref) {
        errors.push(ref.error);
        continue;
      }
      let data = await this.data(ref.sls, ref.defaults, sls);
      if (!data || Object.keys(data).length === 0) continue;
      // key 'a:b' puts the included data at {a: {b: data}}
      for (const fragment of (ref.key ?? '').split(':').reverse()) if (fragment) data = { [fragment]: data };
      merged = mergePillar(merged, data, strategy, mergeLists);
    }
    return mergePillar(merged, own, strategy, mergeLists);
  }

  private includeRef(entry: unknown, sls: string, source: string): IncludeRef | { error: string } {
    const bad = { error: `Badly formatted include ${JSON.stringify(entry)} found in include in SLS '${sls}' (${source})` };
    let name = entry;
    let options: unknown = null;
    if (isDict(entry)) [name, options] = Object.entries(entry)[0] ?? [];
    if (typeof name !== 'string' || !(options === null || isDict(options))) return bad;
    const defaults = options?.defaults ?? {};
    const key = options?.key;
    if (!isDict(defaults) || !(key === undefined || typeof key === 'string')) return bad;
    const resolved = resolveInclude(name, { saltenv: this.setup.saltenv, sls, source });
    return 'error' in resolved ? resolved : { sls: resolved.sls, defaults, key };
  }
}

function describeKind(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'text' : `the ${typeof value} ${JSON.stringify(value)}`;
}
