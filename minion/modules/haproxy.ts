// haproxy: servers of a running haproxy through its runtime API stats socket (Salt's haproxyconn module).
import { setTimeout as sleep } from 'node:timers/promises';
import { pyStr } from '../../shared/output/py-str.js';
import { CommandExecutionError } from './command-error.js';
import { adminCommand, sendCommand } from './haproxy/runtime-api.js';
import { backendView, parseStat, proxyNames, reached, serverLine, serverRows, serverView, type ServerView, type StatRow } from './haproxy/stats.js';
import type { BoundArgs, ExecModule, ParamSpec } from './types.js';

const SOCKET: ParamSpec = { name: 'socket', default: '/var/run/haproxy.sock' };
const NAME: ParamSpec = { name: 'name' };
const BACKEND: ParamSpec = { name: 'backend' };
// How often wait_state reads the stats again.
const POLL_MS = 250;

const socketOf = (a: BoundArgs): string => pyStr(a.socket);
const stats = async (a: BoundArgs) => parseStat(await sendCommand(socketOf(a), 'show stat'));

/** The stats, when haproxy has the backend; a backend it does not have is an error naming it. */
async function backendStats(a: BoundArgs, backend: string): Promise<StatRow[]> {
  const rows = await stats(a);
  if (!proxyNames(rows, 'BACKEND').includes(backend)) throw new CommandExecutionError(`haproxy at ${socketOf(a)} has no backend '${backend}'`);
  return rows;
}

const servers = async (a: BoundArgs, backend: string): Promise<ServerView[]> => serverRows(await backendStats(a, backend), backend).map(serverView);

async function server(a: BoundArgs, name: string, backend: string): Promise<ServerView> {
  const found = (await servers(a, backend)).find((s) => s.name === name);
  if (!found) throw new CommandExecutionError(`haproxy backend '${backend}' has no server '${name}'`);
  return found;
}

/** disable/enable server name in backend ('*': every backend that has it); return {backend: list_servers}. */
async function toggle(a: BoundArgs, verb: 'disable' | 'enable'): Promise<Record<string, string>> {
  const name = pyStr(a.name);
  const rows = await stats(a);
  const backends = a.backend === '*'
    ? proxyNames(rows, 'BACKEND').filter((backend) => serverRows(rows, backend).some((row) => row.svname === name))
    : [pyStr(a.backend)];
  const results: Record<string, string> = {};
  for (const backend of backends) {
    await adminCommand(socketOf(a), `${verb} server ${backend}/${name}`);
    results[backend] = (await servers(a, backend)).map(serverLine).join('\n');
  }
  return results;
}

const getWeight = async (a: BoundArgs): Promise<string> => {
  const answer = (await sendCommand(socketOf(a), `get weight ${pyStr(a.backend)}/${pyStr(a.name)}`)).trim();
  if (!/^\d+ \(initial \d+\)$/.test(answer)) throw new CommandExecutionError(`haproxy get weight ${pyStr(a.backend)}/${pyStr(a.name)} on ${socketOf(a)}: ${answer}`);
  return answer;
};

export const haproxyModule: ExecModule = {
  name: 'haproxy',
  doc: 'Servers of a running haproxy through its runtime API stats socket.',
  functions: {
    list_servers: {
      doc: "Return the backend's servers as lines 'Name: N Status: S Weight: W bIn: I bOut: O' (objectify=True: a list of {name, status, weight, bin, bout, scur}).",
      params: [BACKEND, SOCKET, { name: 'objectify', default: false }],
      run: async (_ctx, a) => {
        const list = await servers(a, pyStr(a.backend));
        return a.objectify === true ? list : list.map(serverLine).join('\n');
      },
    },
    get_backend: {
      doc: "Return the backend's servers as {name: {name, status, weight, bin, bout, scur}}.",
      params: [BACKEND, SOCKET],
      run: async (_ctx, a) => backendView(await backendStats(a, pyStr(a.backend)), pyStr(a.backend)),
    },
    disable_server: { doc: "Put server name of backend ('*': of every backend) in maintenance; return {backend: list_servers}.", params: [NAME, BACKEND, SOCKET], run: (_ctx, a) => toggle(a, 'disable') },
    enable_server: { doc: "Take server name of backend ('*': of every backend) out of maintenance; return {backend: list_servers}.", params: [NAME, BACKEND, SOCKET], run: (_ctx, a) => toggle(a, 'enable') },
    get_weight: { doc: "Return the server's weight as haproxy gives it: 'current (initial N)'.", params: [NAME, BACKEND, SOCKET], run: (_ctx, a) => getWeight(a) },
    set_weight: {
      doc: 'Set the server\'s weight (0 drains it: no new sessions); return get_weight.',
      params: [NAME, BACKEND, { name: 'weight', default: 0 }, SOCKET],
      run: async (_ctx, a) => {
        await adminCommand(socketOf(a), `set weight ${pyStr(a.backend)}/${pyStr(a.name)} ${pyStr(a.weight)}`);
        return getWeight(a);
      },
    },
    set_state: {
      doc: "Force the server's administrative state: 'ready', 'drain' (no new sessions) or 'maint'; return True.",
      params: [NAME, BACKEND, { name: 'state' }, SOCKET],
      run: async (_ctx, a) => {
        const state = pyStr(a.state);
        if (!['ready', 'drain', 'maint'].includes(state)) throw new CommandExecutionError(`haproxy.set_state: state must be ready, drain or maint, not '${state}'`);
        await adminCommand(socketOf(a), `set server ${pyStr(a.backend)}/${pyStr(a.name)} state ${state}`);
        return true;
      },
    },
    get_sessions: {
      doc: "Return the server's current sessions (scur) as a number.",
      params: [NAME, BACKEND, SOCKET],
      run: async (_ctx, a) => (await server(a, pyStr(a.name), pyStr(a.backend))).scur,
    },
    show_frontends: { doc: 'Return the frontend names, one a line.', params: [SOCKET], run: async (_ctx, a) => proxyNames(await stats(a), 'FRONTEND').join('\n') },
    show_backends: { doc: 'Return the backend names, one a line.', params: [SOCKET], run: async (_ctx, a) => proxyNames(await stats(a), 'BACKEND').join('\n') },
    list_frontends: { doc: 'Return the frontend names as a list.', params: [SOCKET], run: async (_ctx, a) => proxyNames(await stats(a), 'FRONTEND') },
    list_backends: {
      doc: 'Return {backend: get_backend} for every backend (servers=False: the backend names as a list).',
      params: [{ name: 'servers', default: true }, SOCKET],
      run: async (_ctx, a) => {
        const rows = await stats(a);
        const names = proxyNames(rows, 'BACKEND');
        if (a.servers === false) return names;
        return Object.fromEntries(names.map((backend) => [backend, backendView(rows, backend)]));
      },
    },
    wait_state: {
      doc: "Wait until the server is in state value ('up', 'maint', 'drain': drained with no sessions left, or a status such as 'down'); return True, or False after timeout seconds.",
      params: [BACKEND, { name: 'server' }, { name: 'value', default: 'up' }, { name: 'timeout', default: 300 }, SOCKET],
      run: async (_ctx, a) => {
        const deadline = Date.now() + Number(a.timeout) * 1000;
        for (;;) {
          if (reached(await server(a, pyStr(a.server), pyStr(a.backend)), pyStr(a.value))) return true;
          if (Date.now() >= deadline) return false;
          await sleep(POLL_MS);
        }
      },
    },
  },
};
