// A render host that stands for whichever user currently holds a shared render thread:
// threads are kept warm and lent out, and each borrower brings its own host.
import type { LoadedTemplate } from '../types.js';
import type { RenderHost } from './render-thread.js';

export class SwappableHost implements RenderHost {
  current: RenderHost | undefined;

  private host(): RenderHost {
    if (!this.current) throw new Error('a template called out after its render ended');
    return this.current;
  }

  call(fun: string, args: unknown[], kwargs: Record<string, unknown>): Promise<unknown> {
    return this.host().call(fun, args, kwargs);
  }

  load(name: string, from: string): Promise<LoadedTemplate | null> {
    return this.host().load(name, from);
  }
}
