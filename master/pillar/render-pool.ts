// A few render threads shared by every pillar compilation on the master: a fleet asking
// for its pillar at once queues here instead of starting a thread per minion. Each
// compilation holds one thread for its duration, with its own host (its minion's grains).
import { RenderThread, type RenderHost } from '../../shared/render/thread/render-thread.js';
import { SwappableHost } from '../../shared/render/thread/swappable-host.js';

interface Slot {
  thread: RenderThread;
  host: SwappableHost;
}

export class RenderPool {
  private readonly slots: Slot[];
  private readonly free: Slot[];
  private readonly waiting: Array<(slot: Slot) => void> = [];

  constructor(size: number) {
    this.slots = Array.from({ length: size }, () => {
      const host = new SwappableHost();
      return { thread: new RenderThread(host), host };
    });
    this.free = [...this.slots];
  }

  /** Runs `work` with a thread of its own whose templates reach `host`. */
  async with<T>(host: RenderHost, work: (thread: RenderThread) => Promise<T>): Promise<T> {
    const slot = this.free.pop() ?? (await new Promise<Slot>((resolve) => this.waiting.push(resolve)));
    slot.host.current = host;
    try {
      return await work(slot.thread);
    } finally {
      slot.host.current = undefined;
      const next = this.waiting.shift();
      if (next) next(slot);
      else this.free.push(slot);
    }
  }

  /** Stops the threads (a render in progress fails); a later compilation starts them again. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.thread.close()));
  }
}
