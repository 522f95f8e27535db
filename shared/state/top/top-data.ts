// One rendered top file (`saltenv: {target: [match option, sls...]}`), checked the way
// Salt's verify_tops checks it, with every problem naming the file.
import { SaltTsError } from '../../errors.js';
import { isDict } from '../compile/high.js';

export interface TopFile {
  /** The saltenv whose file_roots the top file came from. */
  saltenv: string;
  /** The rendered top file. */
  data: unknown;
  /** Where it came from, e.g. salt://top.sls, for errors. */
  source: string;
}

/** target -> its list: SLS names, `{match: grain}`, `{saltenv: sls}`. */
export type TopSection = Record<string, unknown[]>;

/** Raised with every problem found in the top files, each naming its file. */
export class TopFileError extends SaltTsError {
  readonly errors: string[];

  constructor(errors: string[]) {
    super('SALTTS_STATE_COMPILE', errors.join('\n'));
    this.name = 'TopFileError';
    this.errors = errors;
  }
}

function checkEntries(saltenv: string, entries: unknown[], problems: string[]): void {
  for (const entry of entries) {
    if (isDict(entry)) {
      for (const value of Object.values(entry)) {
        if (!value) problems.push(`Improperly formatted top file matcher in saltenv ${saltenv}: ${JSON.stringify(entry)}`);
      }
    } else if (typeof entry !== 'string') {
      problems.push(`Environment ${saltenv} contains an SLS index that is not a string: ${JSON.stringify(entry)}`);
    } else if (entry === '') problems.push(`Environment ${saltenv} contains an empty sls index`);
  }
}

/** The sections of one top file (saltenv -> targets); problems are appended to `errors`. */
export function topSections(top: TopFile, errors: string[]): Map<string, TopSection> {
  const sections = new Map<string, TopSection>();
  const problems: string[] = [];
  if (top.data === null || top.data === undefined) return sections; // an empty top file
  if (!isDict(top.data)) problems.push('Top data was not formed as a dict');
  else {
    for (const [saltenv, targets] of Object.entries(top.data)) {
      if (saltenv === 'include') continue;
      if (saltenv === '') problems.push('Empty saltenv statement in top file');
      if (!isDict(targets)) {
        problems.push(`The top file matches for saltenv ${saltenv} are not formatted as a dict`);
        continue;
      }
      let valid = true;
      for (const [target, entries] of Object.entries(targets)) {
        if (!Array.isArray(entries)) {
          problems.push(`Malformed topfile (state declarations for target '${target}' in saltenv ${saltenv} not formed as a list)`);
          valid = false;
        } else checkEntries(saltenv, entries, problems);
      }
      if (valid) sections.set(saltenv, targets as TopSection);
    }
  }
  errors.push(...problems.map((problem) => `${top.source}: ${problem}`));
  return sections;
}
