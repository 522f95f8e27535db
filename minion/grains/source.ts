// The grains a minion reports: core grains, then the grains file that grains.setval
// writes (DIR/grains), then the `grains:` of the minion config, as Salt layers them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MinionConfig } from '../../shared/config/load.js';
import { parseYaml } from '../../shared/yaml.js';
import { SaltTsError } from '../../shared/errors.js';
import { VERSION } from '../../shared/version.js';
import { gatherCoreGrains, type Grains } from './core.js';
import { mergeGrains } from './merge.js';
import { resolveMinionId } from '../identity.js';

export function grainsFilePath(config: MinionConfig): string {
  return join(config.config_dir, 'grains');
}

export class GrainsSource {
  private grains: Grains = {};
  private id = '';

  constructor(private readonly config: MinionConfig) {}

  /** The minion id, known after the first refresh. */
  get minionId(): string {
    return this.id;
  }

  get current(): Grains {
    return this.grains;
  }

  async refresh(): Promise<Grains> {
    const core = await gatherCoreGrains(VERSION);
    this.id ||= resolveMinionId(this.config, String(core.fqdn));
    this.grains = mergeGrains(mergeGrains({ ...core, id: this.id }, readGrainsFile(grainsFilePath(this.config))), this.config.grains);
    return this.grains;
  }
}

/** The grains file's mapping; a missing file holds none. */
export function readGrainsFile(path: string): Grains {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  const value = parseYaml(text, path);
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new SaltTsError('SALTTS_CONFIG_TYPE', `${path}: the grains file must be a mapping of grain names to values`);
  }
  return value as Grains;
}
