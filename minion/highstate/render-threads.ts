// Render threads kept warm between state runs of a job worker: a new thread costs about
// 100 ms of module loading and cold YAML parsing. A run leases a thread for its duration;
// a run nested in another's template (cp.get_template called from an SLS) gets its own,
// since the outer thread is blocked waiting for that very call.
import { RenderThread, type RenderHost } from '../../shared/render/thread/render-thread.js';
import { SwappableHost } from '../../shared/render/thread/swappable-host.js';

/** Idle threads kept: one serves the usual single state run at a time. */
const KEEP_IDLE = 1;

interface Pooled {
  thread: RenderThread;
  host: SwappableHost;
}

const idle: Pooled[] = [];

export interface RenderLease {
  thread: RenderThread;
  release(): Promise<void>;
}

export function leaseRenderThread(host: RenderHost): RenderLease {
  const pooled = idle.pop() ?? newPooled();
  pooled.host.current = host;
  return {
    thread: pooled.thread,
    release: async () => {
      pooled.host.current = undefined;
      if (idle.length < KEEP_IDLE) idle.push(pooled);
      else await pooled.thread.close();
    },
  };
}

function newPooled(): Pooled {
  const host = new SwappableHost();
  return { thread: new RenderThread(host), host };
}
