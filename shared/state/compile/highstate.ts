// Renders a list of SLS names (a top file's matches, or state.sls's arguments) and
// everything they include into one high data mapping, with the errors Salt reports.
import { RenderError } from '../../render/errors.js';
import { AutoOrder } from './auto-order.js';
import { normalizeDeclarations, takeExclude, takeExtend } from './declarations.js';
import { isDict, type HighData } from './high.js';
import { resolveInclude, type SlsRef } from './include.js';
import { dedupeExtends, mergeIncluded } from './merge.js';
import type { LoadedSls, NonStringId, SlsSource } from './sls-source.js';
import { verifyHigh } from './verify.js';

export interface CompiledHigh {
  high: HighData;
  /** Render and structure errors, as Salt lists them; any error means nothing runs. */
  errors: string[];
}

interface RenderedSls {
  /** The SLS and what it includes; null when it rendered to nothing. */
  state: HighData | null;
  errors: string[];
}

const refKey = (saltenv: string, sls: string): string => `${saltenv}:${sls}`;

function notAvailable(sls: string, saltenv: string): string {
  return `Specified SLS ${sls} in saltenv ${saltenv} is not available on the salt master or through a configured fileserver`;
}

function pythonKey({ key, type }: NonStringId): string {
  if (type === 'bool') return key === 'true' ? 'True' : 'False';
  return type === 'NoneType' ? 'None' : key;
}

/** Python's truthiness, which decides whether Salt treats rendered data as empty. */
function isEmpty(data: unknown): boolean {
  if (isDict(data)) return Object.keys(data).length === 0;
  return data === null || data === undefined || data === false || data === 0 || data === '' || (Array.isArray(data) && data.length === 0);
}

class HighstateRenderer {
  readonly rendered = new Set<string>();
  private readonly order = new AutoOrder();

  constructor(private readonly source: SlsSource) {}

  private async load(sls: string, saltenv: string, errors: string[]): Promise<LoadedSls | null | undefined> {
    try {
      return await this.source.load(sls, saltenv);
    } catch (err) {
      errors.push(err instanceof RenderError ? err.message : `Rendering SLS ${sls} failed, render error: ${(err as Error).message ?? String(err)}`);
      return undefined;
    } finally {
      this.rendered.add(refKey(saltenv, sls));
    }
  }

  async render(sls: string, saltenv: string): Promise<RenderedSls> {
    const errors: string[] = [];
    const loaded = await this.load(sls, saltenv, errors);
    if (loaded === null) errors.push(notAvailable(sls, saltenv));
    if (!loaded || isEmpty(loaded.data)) return { state: null, errors };
    if (!isDict(loaded.data)) return { state: null, errors: [...errors, `SLS ${sls} does not render to a dictionary`] };

    // The source may cache its data: the compiler works on its own copy.
    const state = structuredClone(loaded.data);
    let includes: unknown[] = [];
    if ('include' in state) {
      if (Array.isArray(state.include)) includes = state.include;
      else errors.push(`Include Declaration in SLS ${sls} is not formed as a list`);
      delete state.include;
    }
    takeExtend(state, sls, saltenv, errors);
    takeExclude(state, sls, errors);
    normalizeDeclarations(state, sls, saltenv, errors);
    for (const id of loaded.nonStringIds ?? []) {
      if (!(id.key in state)) continue;
      errors.push(`ID '${pythonKey(id)}' in SLS '${sls}' is not formed as a string, but is type ${id.type}. It may need to be quoted.`);
    }
    for (const entry of includes) {
      const target = resolveInclude(entry, { sls, saltenv, source: loaded.source });
      if ('error' in target) errors.push(target.error);
      else await this.renderInclude(target, sls, state, errors);
    }
    this.order.apply(state);
    return { state, errors };
  }

  private async renderInclude(target: SlsRef, includer: string, into: HighData, errors: string[]): Promise<void> {
    if (this.rendered.has(refKey(target.saltenv, target.sls))) return;
    const included = await this.render(target.sls, target.saltenv);
    if (included.state) {
      markIncludedFrom(included.state, includer);
      mergeIncluded(into, included.state, errors);
    }
    errors.push(...included.errors);
  }
}

/** Every ID an include brought in (through any depth) records the SLS that included it,
 * as Salt's __sls_included_from__: an `sls:` requisite on the includer covers them. */
function markIncludedFrom(state: HighData, includer: string): void {
  for (const [id, body] of Object.entries(state)) {
    if (id.startsWith('__') || !isDict(body)) continue;
    const from = (body.__sls_included_from__ ??= []) as string[];
    if (!from.includes(includer)) from.push(includer);
  }
}

/** Salt words a requested SLS that does not exist differently from a missing include. */
function requestedNotFound(error: string, ref: SlsRef): string {
  if (!error.includes('is not available') || !error.includes(`SLS ${ref.sls} in saltenv`)) return error;
  return `No matching sls found for '${ref.sls}' in env '${ref.saltenv}'`;
}

/** Loads each SLS (once, with its includes), merges them and checks the structure. */
export async function compileHighstate(slsList: SlsRef[], source: SlsSource): Promise<CompiledHigh> {
  const renderer = new HighstateRenderer(source);
  const high: HighData = {};
  const errors: string[] = [];
  for (const ref of slsList) {
    if (renderer.rendered.has(refKey(ref.saltenv, ref.sls))) continue;
    const rendered = await renderer.render(ref.sls, ref.saltenv);
    if (rendered.state) mergeIncluded(high, rendered.state, rendered.errors);
    errors.push(...rendered.errors.map((error) => requestedNotFound(error, ref)));
  }
  dedupeExtends(high);
  errors.push(...verifyHigh(high));
  return { high, errors };
}
