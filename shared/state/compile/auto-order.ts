// Salt's state_auto_order: every state declaration without an `order` argument gets
// `{order: N}` appended, N counting from 10000 in the order SLS files finish
// rendering, so the files an SLS includes are numbered before the SLS itself.
import { firstKey, isDict } from './high.js';

const FIRST_AUTO_ORDER = 10000;

export class AutoOrder {
  private next = FIRST_AUTO_ORDER;

  /** Numbers the declarations of `state` (IDs already numbered keep their order). */
  apply(state: Record<string, unknown>): void {
    for (const body of Object.values(state)) {
      if (!isDict(body)) continue;
      for (const [key, args] of Object.entries(body)) {
        if (key.startsWith('_') || !Array.isArray(args)) continue;
        if (args.some((arg) => isDict(arg) && firstKey(arg) === 'order')) continue;
        args.push({ order: this.next++ });
      }
    }
  }
}
