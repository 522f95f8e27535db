// The tags of a state run's events (Salt's State.event), built where a run fires them
// (minion state runs, master orchestrations) and read where the master vets a minion's.

/** `salt/job/<jid>/prog/<id>/<last>`: Salt's state_events (last: the state's run number). */
export const stateProgressTag = (jid: string, id: string, last: string | number): string => `salt/job/${jid}/prog/${id}/${last}`;

/** `salt/state_result/<jid>/<id>/<last>`: a state's fire_event (last: its name, or the tag given). */
export const stateResultTag = (jid: string, id: string, last: string): string => `salt/state_result/${jid}/${id}/${last}`;

/** The jid and minion id a state-run tag names, or null for any other tag. */
export function parseStateEventTag(tag: string): { jid: string; id: string } | null {
  const parts = tag.split('/');
  if (parts.length < 5 || parts[0] !== 'salt') return null;
  if (parts[1] === 'state_result') return { jid: parts[2]!, id: parts[3]! };
  if (parts[1] === 'job' && parts[3] === 'prog') return { jid: parts[2]!, id: parts[4]! };
  return null;
}
