// Memory pressure for memusage tests: a threshold just above what the host uses now, and
// a helper process that takes a share of the memory past it until stopped.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { totalmem } from 'node:os';
import { memoryUsedPercent } from '../../minion/beacons/memusage.js';

export interface MemoryHog {
  stop(): Promise<void>;
}

/** Points of room between the host's use now and the threshold: the suite runs two test
 * files at once, and a fleet starting or stopping beside this test moves use by a few points. */
const MEMORY_MARGIN = 6;

/** A memusage percent MEMORY_MARGIN points over what the host uses now. */
export async function thresholdAboveNow(): Promise<number> {
  return Math.round(((await memoryUsedPercent()) + MEMORY_MARGIN) * 10) / 10;
}

/** What a hog takes to cross the threshold with as much room again, so that others' use
 * going down does not bring the reading back under it (which would fire a second time). */
export const HOG_PERCENT = 2 * MEMORY_MARGIN;

/** Starts a process holding `percent` of the host's memory; resolves once the memory is taken. */
export async function startMemoryHog(percent: number): Promise<MemoryHog> {
  const bytes = Math.ceil((totalmem() * percent) / 100);
  // Filling the buffer makes the pages resident, which is what the reading counts.
  const hog = spawn(process.execPath, ['-e', `const b = Buffer.alloc(${bytes}, 1); console.log('held'); setInterval(() => b[0]++, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(hog.stdout!, 'data');
  return {
    async stop() {
      if (hog.exitCode !== null || hog.signalCode !== null) return;
      const exited = once(hog, 'exit');
      hog.kill('SIGKILL');
      await exited;
    },
  };
}
