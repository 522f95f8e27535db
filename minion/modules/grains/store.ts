// grains.setvals: new values written to the grains file (DIR/grains) that the
// daemon layers over the core grains, then the daemon asked to gather grains again.
import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeError } from '../../../shared/errors.js';
import { dumpYaml } from '../../../shared/yaml.js';
import { grainsFilePath, readGrainsFile } from '../../grains/source.js';
import type { ExecContext } from '../types.js';

/**
 * Stores each top-level grain (null with destructive removes it) and returns the
 * values set, or Salt's message when the grains file cannot be read.
 */
export async function storeGrains(ctx: ExecContext, values: Record<string, unknown>, destructive: boolean): Promise<Record<string, unknown> | string> {
  const path = grainsFilePath(ctx.opts);
  let stored: Record<string, unknown>;
  try {
    stored = readGrainsFile(path);
  } catch (err) {
    return `Unable to read existing grains file: ${describeError(err)}`;
  }
  for (const [key, value] of Object.entries(values)) {
    // The job's own grains follow too, as Salt updates __grains__, so later calls in this job see the change.
    if (value === null && destructive) {
      delete stored[key];
      delete ctx.grains[key];
    } else {
      stored[key] = value;
      ctx.grains[key] = value;
    }
  }
  writeAtomically(path, dumpYaml(stored));
  await ctx.daemon({ op: 'refresh_grains' });
  return values;
}

/** Replaces the file in one step, so the daemon never reads half of it. */
function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${randomUUID()}.tmp`;
  writeFileSync(temporary, text, { mode: 0o644 });
  renameSync(temporary, path);
}
