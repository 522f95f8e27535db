// The state compiler's public API: SLS data -> high data -> low chunks.
export type { HighData, IdBody } from './high.js';
export type { LoadedSls, NonStringId, SlsSource } from './sls-source.js';
export type { SlsRef } from './include.js';
export { compileHighstate, type CompiledHigh } from './highstate.js';
export { highToLow } from './low.js';
export { finalizeLow, type FinalLow } from './finalize.js';
export { showLowstate, showSls } from './show.js';
export { REQUISITE_IN_KINDS, REQUISITE_KINDS, requisiteParts, resolveRequisite, type Requisite, type RequisiteKind } from '../requisites.js';
