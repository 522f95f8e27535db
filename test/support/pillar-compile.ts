// Pillar trees on disk for compiler tests, compiled through a real render thread whose
// templates import from the pillar tree and may call no execution function.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compilePillar, pillarRenderHost, rootsPillarTree, threadPillarRenderer } from '../../shared/pillar/index.js';
import type { Pillar, PillarOptions, PillarTarget, PillarTree } from '../../shared/pillar/index.js';
import { DEFAULT_RENDERER } from '../../shared/render/pipeline.js';
import { RenderThread } from '../../shared/render/thread/render-thread.js';

const dirs: string[] = [];

/** Writes {saltenv: {path: text}} under a fresh directory, one pillar root per saltenv. */
export async function pillarTree(envs: Record<string, Record<string, string>>): Promise<PillarTree> {
  const dir = await mkdtemp(join(tmpdir(), 'salt-ts-pillar-'));
  dirs.push(dir);
  const roots: Record<string, string[]> = {};
  for (const [saltenv, files] of Object.entries(envs)) {
    roots[saltenv] = [join(dir, saltenv)];
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, saltenv, path)), { recursive: true });
      await writeFile(join(dir, saltenv, path), text);
    }
  }
  return rootsPillarTree(roots);
}

export const removePillarTrees = () => Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));

export const minion = (id: string, grains: Record<string, unknown> = {}, more: Partial<PillarTarget> = {}): PillarTarget => ({ id, grains, ...more });

/** compilePillar with Salt's default options unless overridden; `rendered` collects the
 * source of every file rendered. */
export async function compileWith(tree: PillarTree, target: PillarTarget, options: Partial<PillarOptions> = {}, rendered?: string[]): Promise<Pillar> {
  const thread = new RenderThread(pillarRenderHost(tree));
  const render = threadPillarRenderer(thread);
  try {
    return await compilePillar(tree, target, { strategy: 'smart', mergeLists: false, renderer: DEFAULT_RENDERER, ...options }, (text, source, context, pipe) => {
      rendered?.push(source);
      return render(text, source, context, pipe);
    });
  } finally {
    await thread.close();
  }
}
