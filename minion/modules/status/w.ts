// Reads `w -fh` (no header, no FROM column) into Salt's status.w rows.

export interface WRow {
  user: string;
  tty: string;
  login: string;
  idle: string;
  jcpu: string;
  pcpu: string;
  what: string;
}

export function parseW(text: string): WRow[] {
  return text
    .split('\n')
    .filter((row) => row.trim())
    .map((row) => {
      const c = row.trim().split(/\s+/);
      return { idle: c[3]!, jcpu: c[4]!, login: c[2]!, pcpu: c[5]!, tty: c[1]!, user: c[0]!, what: c.slice(6).join(' ') };
    });
}
