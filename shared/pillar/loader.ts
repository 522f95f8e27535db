// What `{% import %}`, `{% include %}` and `import_yaml` in a pillar template read: files
// of the pillar tree, in the saltenv of the importing file, never of the state tree (Salt
// renders pillar with a file client whose roots are pillar_roots, so salt:// means them too).
import { posix } from 'node:path';
import type { LoadedTemplate } from '../render/types.js';
import { parsePillarSource } from './roots-tree.js';
import type { PillarTree } from './types.js';

/** A RenderHost `load` over `tree`: `./x` and `../x` are relative to the importing file,
 * `pillar://env/x` names a saltenv, `salt://x` and `x` are relative to the tree's root. */
export function pillarLoader(tree: PillarTree): (name: string, from: string) => Promise<LoadedTemplate | null> {
  return async (name, from) => {
    const explicit = parsePillarSource(name);
    if (explicit) return tree.read(explicit.saltenv, explicit.path);
    const importer = parsePillarSource(from);
    if (!importer) throw new Error(`template '${name}' imported from '${from}', which is not a file of the pillar tree`);
    const path =
      name.startsWith('./') || name.startsWith('../')
        ? posix.join(posix.dirname(importer.path), name)
        : name.replace(/^salt:\/\//, '').replace(/^\/+/, '');
    return tree.read(importer.saltenv, path);
  };
}
