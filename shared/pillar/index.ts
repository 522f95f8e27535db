// Pillar compilation, shared by the master and by masterless minions.
export { compilePillar } from './compile.js';
export { mergePillar } from './merge.js';
export { pillarLoader } from './loader.js';
export { pillarRenderHost, threadPillarRenderer, type PillarRenderer } from './renderer.js';
export { parsePillarSource, pillarSource, rootsPillarTree } from './roots-tree.js';
export type { Pillar, PillarMergeStrategy, PillarOptions, PillarTarget, PillarTree } from './types.js';
