// The line editing of Salt's file.line on a list of lines (each keeping its line ending):
// content placed, replaced or deleted by `match`, `before`/`after` (a regular expression or
// a fragment of the line) or `location` (start, end).
import { compilePattern } from '../../modules/file/python-regex.js';

export interface LineEdit {
  content: string | null;
  match: string | null;
  mode: 'ensure' | 'replace' | 'delete' | 'insert';
  location: string | null;
  before: string | null;
  after: string | null;
  indent: boolean;
}

const DOTALL = 16;

/** The edited lines; throws with Salt's message when the conditions cannot be met. */
export function editLines(lines: string[], edit: LineEdit): string[] {
  let body = [...lines];
  const content = edit.content ?? '';
  const match = edit.before === null && edit.after === null && !edit.match ? edit.content : edit.match;
  // A trailing empty line when the last one ends a line, as Salt works with.
  if (body.length && eol(body[body.length - 1]!)) body.push('');
  const after = matching(body, edit.after);
  const before = matching(body, edit.before);
  const matched = matching(body, match);

  if (!lines.join('').length && (edit.mode === 'delete' || edit.mode === 'replace')) body = [];
  else if (edit.mode === 'delete' && matched?.length) body = body.filter((line) => line !== matched[0]);
  else if (edit.mode === 'replace' && matched?.length) {
    const idx = body.indexOf(matched[0]!);
    body[idx] = withIndent(body[idx]!, content, edit.indent);
  } else if (edit.mode === 'insert') body = insert(body, content, edit, before, after);
  else if (edit.mode === 'ensure') body = ensure(body, content, edit, before, after);

  // Every line but the last ends like its neighbour; the helper empty line goes again.
  for (let i = 0; i < body.length; i++) {
    if (!eol(body[i]!) && i + 1 < body.length) body[i] = withEol(body[i ? i - 1 : 1]!, body[i]!);
  }
  if (body.length && body[body.length - 1] === '') body.pop();
  return body;
}

function insert(body: string[], content: string, edit: LineEdit, before: string[] | null, after: string[] | null): string[] {
  if (!edit.location && !before?.length && !after?.length && edit.before === null && edit.after === null) {
    throw new Error('On insert must be defined either "location" or "before/after" conditions.');
  }
  if (edit.location === 'start') return body.length ? [withEol(body[0]!, content), ...body] : [`${content}\n`];
  if (edit.location === 'end') {
    // Before the helper empty line, so the file keeps ending in a newline.
    const last = body[body.length - 1] === '' ? body.length - 1 : body.length;
    const added = last ? withIndent(body[last - 1]!, content, edit.indent) : content;
    return [...body.slice(0, last), added, ...body.slice(last)];
  }
  if (edit.before !== null && edit.after !== null) {
    assertOnce(before, 'before');
    assertOnce(after, 'after');
    const out: string[] = [];
    let inRange = false;
    for (const line of body) {
      if (line === after![0]) inRange = true;
      else if (line === before![0] && inRange) out.push(withIndent(line, content, edit.indent));
      out.push(line);
    }
    return out;
  }
  if (edit.before !== null) {
    assertOnce(before, 'before');
    return insertBefore(body.indexOf(before![0]!), body, content, edit.indent);
  }
  assertOnce(after, 'after');
  return insertAfter(body.indexOf(after![0]!), body, content, edit.indent);
}

function ensure(body: string[], content: string, edit: LineEdit, before: string[] | null, after: string[] | null): string[] {
  if (edit.before !== null && edit.after !== null) {
    assertOnce(before, 'before');
    assertOnce(after, 'after');
    if (body.some((line) => line.includes(content))) return body;
    const idx = body.indexOf(after![0]!);
    if (idx < body.length - 1 && body[idx + 1] === before![0]) {
      body.splice(idx + 1, 0, withIndent(body[idx]!, content, edit.indent));
      return body;
    }
    throw new Error('Found more than one line between boundaries "before" and "after".');
  }
  if (edit.before !== null) {
    assertOnce(before, 'before');
    return insertBefore(body.indexOf(before![0]!), body, content, edit.indent);
  }
  if (edit.after !== null) {
    assertOnce(after, 'after');
    return insertAfter(body.indexOf(after![0]!), body, content, edit.indent);
  }
  throw new Error('Wrong conditions? Unable to ensure line without knowing where to put it before and/or after.');
}

// Salt's _regex_to_static: the lines the regular expression matches or that contain it.
function matching(body: string[], pattern: string | null): string[] | null {
  if (!pattern || !body.length) return null;
  let regex: RegExp;
  try {
    regex = compilePattern(pattern, DOTALL);
  } catch (err) {
    throw new Error(`${(err as Error).message}: '${pattern}'`);
  }
  return body.filter((line) => line.search(regex) >= 0 || line.includes(pattern));
}

function assertOnce(found: string[] | null, target: string): void {
  const n = found?.length ?? 0;
  if (n === 1) return;
  throw new Error(`Found ${n > 1 ? 'more than' : 'less than'} expected occurrences in "${target}" expression`);
}

function insertBefore(idx: number, body: string[], content: string, indent: boolean): string[] {
  if (!idx || startsTill(body[idx - 1]!, content) < 0) body.splice(idx, 0, withIndent(body[idx]!, content, indent));
  return body;
}

// No duplicate: nothing is added when the next line already starts like the content.
function insertAfter(idx: number, body: string[], content: string, indent: boolean): string[] {
  const next = idx + 1 < body.length ? body[idx + 1] : undefined;
  if (!next || startsTill(next, content) < 0) body.splice(idx + 1, 0, withIndent(body[idx]!, content, indent));
  return body;
}

// Salt's _starts_till: 0 when equal, -1 when unlike, else how many trailing words differ.
function startsTill(src: string, probe: string): number {
  if (!src || !probe) return -1;
  const a0 = src.replace(/[\r\n]+$/, '');
  const b0 = probe.replace(/[\r\n]+$/, '');
  // Equal but for indentation counts as equal: the line was put there with indent.
  if (a0.trim() === b0.trim()) return 0;
  const stripComment = (txt: string) => {
    const parts = txt.split(' ');
    return parts.length >= 2 && parts[0]!.length < 2 ? txt.slice(parts[0]!.length + 1) : txt;
  };
  const words = (txt: string) => txt.trim().split(' ').filter((w) => w.trim());
  const src1 = words(stripComment(a0));
  const probe1 = words(stripComment(b0));
  const [short, long] = src1.length < probe1.length ? [src1, probe1] : [probe1, src1];
  const longText = long.join(' ');
  for (let i = 0; i < short.length; i++) {
    const prefix = short.slice(0, short.length - (i + 1)).join(' ');
    if (prefix && longText.startsWith(prefix)) return i;
  }
  return -1;
}

function eol(line: string): string {
  return /(\r\n|\r|\n)$/.exec(line)?.[1] ?? '';
}

// The line with the source line's ending (a newline when it has none).
function withEol(src: string, line: string): string {
  return line.trimEnd() + (eol(src) || '\n');
}

// The line with the source line's leading whitespace when indent is on.
function withIndent(src: string, line: string, indent: boolean): string {
  if (!indent) return line;
  return (/^[ \t]*/.exec(src)?.[0] ?? '') + line.trimStart();
}
