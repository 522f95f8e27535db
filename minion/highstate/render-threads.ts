// Render threads kept warm between state runs of a job worker: a new thread costs about
// 100 ms of module loading and cold YAML parsing. A run leases a thread for its duration;
// a run nested in another's template (cp.get_template called from an SLS) gets its own,
// since the outer thread is blocked waiting for that very call.
import { RenderThread, type RenderHost } from '../../shared/render/thread/render-thread.js';

/** Idle threads kept: one serves the usual single state run at a time. */
const KEEP_IDLE = 1;

class LeasedHost implements RenderHost {
  current: RenderHost | undefined;

  private host(): RenderHost {
    if (!this.current) throw new Error('a template called out after its state run ended');
    return this.current;
  }

  call(fun: string, args: unknown[], kwargs: Record<string, unknown>): Promise<unknown> {
    return this.host().call(fun, args, kwargs);
  }

  load(name: string, from: string) {
    return this.host().load(name, from);
  }
}

interface Pooled {
  thread: RenderThread;
  host: LeasedHost;
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
  const host = new LeasedHost();
  return { thread: new RenderThread(host), host };
}
