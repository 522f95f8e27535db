// `show stat` CSV read into rows by column name, and the server views built on it
// (list_servers' lines, get_backend's dict) as Salt's haproxyconn gives them.
export type StatRow = Record<string, string>;

/** Rows of `show stat` keyed by the header's column names (pxname, svname, scur, status, weight, ...). */
export function parseStat(csv: string): StatRow[] {
  const lines = csv.split('\n').filter((line) => line.trim() !== '');
  const header = (lines.shift() ?? '').replace(/^#\s*/, '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((column, i) => [column, cells[i] ?? '']));
  });
}

const isProxyRow = (row: StatRow) => row.svname === 'FRONTEND' || row.svname === 'BACKEND';

/** The server rows of one backend, in haproxy's order. */
export const serverRows = (rows: StatRow[], backend: string): StatRow[] => rows.filter((row) => row.pxname === backend && !isProxyRow(row));

/** The names of the proxies that have a row of this kind (FRONTEND or BACKEND). */
export const proxyNames = (rows: StatRow[], kind: 'FRONTEND' | 'BACKEND'): string[] => rows.filter((row) => row.svname === kind).map((row) => row.pxname!);

export interface ServerView {
  name: string;
  status: string;
  weight: number;
  bin: number;
  bout: number;
  scur: number;
}

export const serverView = (row: StatRow): ServerView => ({
  name: row.svname!, status: row.status!, weight: Number(row.weight), bin: Number(row.bin), bout: Number(row.bout), scur: Number(row.scur),
});

/** A backend's servers as {name: view}, as Salt's get_backend gives them. */
export const backendView = (rows: StatRow[], backend: string): Record<string, ServerView> =>
  Object.fromEntries(serverRows(rows, backend).map(serverView).map((s) => [s.name, s]));

/** haproxyctl's listServers line, as Salt's list_servers returns it. */
export const serverLine = (s: ServerView): string => `Name: ${s.name} Status: ${s.status} Weight: ${s.weight} bIn: ${s.bin} bOut: ${s.bout}`;

/** Whether a server is in the state wait_state waits for: 'up' (UP, or no check and not in maintenance), 'maint', 'drain' with no sessions left, or a status haproxy prints. */
export function reached(server: ServerView, value: string): boolean {
  const status = server.status.toLowerCase();
  const wanted = value.toLowerCase();
  if (wanted === 'up') return status.startsWith('up') || status === 'no check';
  if (wanted === 'drain') return status.startsWith('drain') && server.scur === 0;
  return status.startsWith(wanted);
}
