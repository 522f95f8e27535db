// Applying `exclude:` (Salt's apply_exclude): `- sls: name` (or a bare string, an SLS
// glob) drops every ID of the matching SLS files, `- id: name` drops one ID.
import { globMatch } from '../../targeting/glob.js';
import { firstKey, idBodies, isDict, type HighData } from './high.js';

export function applyExclude(high: HighData): void {
  const excludes = Array.isArray(high.__exclude__) ? (high.__exclude__ as unknown[]) : [];
  delete high.__exclude__;
  const slsPatterns: string[] = [];
  const ids = new Set<string>();
  for (const entry of excludes) {
    if (typeof entry === 'string') slsPatterns.push(entry);
    if (!isDict(entry) || Object.keys(entry).length !== 1) continue;
    const key = firstKey(entry);
    if (key === 'sls') slsPatterns.push(String(entry.sls));
    else if (key === 'id') ids.add(String(entry.id));
  }
  for (const [id, body] of idBodies(high)) {
    if (body.__sls__ && slsPatterns.some((pattern) => globMatch(pattern, String(body.__sls__)))) ids.add(id);
  }
  for (const id of ids) delete high[id];
}
