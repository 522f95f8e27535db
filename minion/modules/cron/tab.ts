// A user's crontab as Salt's cron module reads and writes it: the lines before Salt's
// marker kept as they are, and below it environment lines, jobs and @special jobs,
// each with an optional comment line carrying "SALT_CRON_IDENTIFIER:<id>".

export const TAG = '# Lines below here are managed by Salt, do not edit';
export const IDENTIFIER = 'SALT_CRON_IDENTIFIER';
const DISABLED = '#DISABLED#';

export interface CronJob {
  minute: string;
  hour: string;
  daymonth: string;
  month: string;
  dayweek: string;
  cmd: string;
  identifier: string | null;
  comment: string | null;
  commented: boolean;
}

export interface SpecialJob {
  spec: string;
  cmd: string;
  identifier: string | null;
  comment: string | null;
  commented: boolean;
}

export interface CronTab {
  pre: string[];
  crons: CronJob[];
  special: SpecialJob[];
  env: { name: string; value: string }[];
}

/** Parses crontab text (as `crontab -l` prints it) into Salt's list_tab shape. */
export function parseTab(text: string): CronTab {
  const tab: CronTab = { pre: [], crons: [], special: [], env: [] };
  let managed = false;
  let comment: string | null = null;
  let identifier: string | null = null;
  for (const raw of text.split('\n')) {
    if (raw === TAG) {
      managed = true;
      continue;
    }
    if (!managed) {
      tab.pre.push(raw);
      continue;
    }
    const commented = raw.startsWith(DISABLED);
    const line = commented ? raw.slice(DISABLED.length) : raw;
    if (line.startsWith('@')) {
      const [spec = '', ...cmd] = line.split(/\s+/);
      if (!cmd.length) continue;
      tab.special.push({ spec, cmd: cmd.join(' '), identifier, comment, commented });
      [comment, identifier] = [null, null];
    } else if (line.startsWith('#')) {
      let text = line.replace(/^[# ]+/, '');
      const at = text.indexOf(IDENTIFIER);
      if (at >= 0) {
        const id = text.slice(at + IDENTIFIER.length + 1);
        if (id) identifier = id;
        text = text.slice(0, at).trimEnd();
      }
      comment = comment === null ? text : `${comment}\n${text}`;
    } else if (line.indexOf('=') > 0 && (!line.includes(' ') || line.indexOf('=') < line.indexOf(' '))) {
      const eq = line.indexOf('=');
      tab.env.push({ name: line.slice(0, eq), value: line.slice(eq + 1) });
    } else if (line.split(' ').length > 5) {
      const [minute = '', hour = '', daymonth = '', month = '', dayweek = '', ...cmd] = line.split(' ');
      tab.crons.push({ minute, hour, daymonth, month, dayweek, cmd: cmd.join(' '), identifier, comment, commented });
      [comment, identifier] = [null, null];
    }
  }
  // The text's final newline is not a line of its own.
  if (!managed && tab.pre.at(-1) === '') tab.pre.pop();
  return tab;
}

/** The comment line above a job: its comment, then its identifier. */
function commentLine(job: { comment: string | null; identifier: string | null }): string[] {
  if (job.comment === null && job.identifier === null) return [];
  let line = '#';
  if (job.comment) line += ` ${job.comment.trimEnd().replaceAll('\n', '\n# ')}`;
  if (job.identifier) line += ` ${IDENTIFIER}:${job.identifier}`;
  return [line];
}

/** Renders the tab back to crontab text, Salt's marker before the managed part. */
export function renderTab(tab: CronTab): string {
  const lines = [...tab.pre.filter((line, i) => !(i === tab.pre.length - 1 && line === '')), TAG];
  for (const env of tab.env) lines.push(`${env.name}=${env.value}`);
  for (const job of tab.crons) {
    lines.push(...commentLine(job), `${job.commented ? DISABLED : ''}${job.minute} ${job.hour} ${job.daymonth} ${job.month} ${job.dayweek} ${job.cmd}`);
  }
  for (const job of tab.special) lines.push(...commentLine(job), `${job.commented ? DISABLED : ''}${job.spec} ${job.cmd}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Whether a job is the one meant by cmd and identifier (Salt's _cron_matched): a job
 * with an identifier matches only that identifier; one without matches by its command.
 */
export function jobMatches(job: { cmd: string; identifier: string | null }, cmd: string, identifier: string | null): boolean {
  return job.identifier ? job.identifier === identifier : job.cmd === cmd;
}

/** Salt's _needs_change: a value that is not given (null) never asks for a change. */
export function needsChange(current: unknown, wanted: unknown): boolean {
  return wanted !== null && wanted !== undefined && current !== wanted;
}
