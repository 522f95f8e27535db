// How pillar files are rendered: compilePillar takes a PillarRenderer, which callers build
// from a RenderThread whose host loads templates from the pillar tree.
import type { RenderHost, RenderThread } from '../render/thread/render-thread.js';
import { pillarLoader } from './loader.js';
import type { PillarTree } from './types.js';

/** Renders one pillar or top file to data: `defaultRenderer` (jinja|yaml) unless its #! line names one. */
export type PillarRenderer = (text: string, source: string, context: Record<string, unknown>, defaultRenderer: string) => Promise<unknown>;

export function threadPillarRenderer(thread: RenderThread): PillarRenderer {
  return (text, source, context, defaultRenderer) => thread.renderSls(text, { source, context, defaultRenderer });
}

type Call = RenderHost['call'];

const refuseCalls: Call = async (fun) => {
  throw new Error(`salt['${fun}'] is not available to pillar templates here`);
};

/** A render host for pillar templates: imports read `tree`; `salt[...]` calls go to `call`
 * (by default every call is refused). */
export function pillarRenderHost(tree: PillarTree, call: Call = refuseCalls): RenderHost {
  return { call, load: pillarLoader(tree) };
}
