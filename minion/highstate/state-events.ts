// Events a state run sends to the master as its states finish, as Salt's do: a state with
// `fire_event: True` fires salt/state_result/<jid>/<id>/<name> (a string gives the last
// part instead), and `state_events: True` in the minion config fires
// salt/job/<jid>/prog/<id>/<run_num> for every state.
import { stateProgressTag, stateResultTag } from '../../shared/protocol/state-event-tags.js';
import { truthy } from '../../shared/state/python-values.js';
import type { LowChunk, StateResult } from '../../shared/state/types.js';
import type { ExecContext } from '../modules/types.js';

export type StateEventSender = (key: string, result: StateResult, chunk: LowChunk) => void;

export function stateEventSender(exec: ExecContext, total: number): StateEventSender {
  const send = (tag: string, data: Record<string, unknown>) => {
    // An event is news, not part of the run: losing one never fails a state.
    exec.daemon({ op: 'fire_master', tag, data }).catch(() => undefined);
  };
  return (_key, result, chunk) => {
    const fire = chunk.fire_event;
    if (typeof fire === 'string' && fire !== '') send(stateResultTag(exec.jid, exec.id, fire), { ret: result });
    else if (truthy(fire)) send(stateResultTag(exec.jid, exec.id, result.name), { ret: result });
    if (exec.opts.state_events) send(stateProgressTag(exec.jid, exec.id, result.__run_num__), { ret: result, len: total });
  };
}
