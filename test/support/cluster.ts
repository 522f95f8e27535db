// The fleet of an end-to-end test file: a master and minions in a temp folder,
// started before the file's tests and stopped and removed after them.
import { after, before } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCluster, type MinionSpec } from '../../scripts/local-cluster.js';

export interface FleetOptions {
  /** Extra master config; auto_accept is on unless this turns it off. */
  master?: Record<string, unknown>;
}

/** Registers the hooks; call the returned function inside a test or a later hook. */
export function useFleet(name: string, minions: MinionSpec[], opts: FleetOptions = {}): () => LocalCluster {
  let dir = '';
  let cluster: LocalCluster | undefined;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), `salt-ts-${name}-`));
    cluster = await LocalCluster.create(dir, { auto_accept: true, ...opts.master });
    await cluster.startMaster();
    cluster.startMinions(minions);
    if (cluster.autoAccepts) await cluster.waitForMinions(minions.map((m) => m.id));
  });
  after(async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return () => cluster!;
}
