// A unified diff of two lists of lines in the format of Python's difflib.unified_diff
// (no file names, 3 lines of context), which Salt returns for file changes.

interface Opcode {
  tag: 'equal' | 'replace' | 'delete' | 'insert';
  i1: number;
  i2: number;
  j1: number;
  j2: number;
}

const CONTEXT = 3;

/** The diff of `a` to `b` (lines with their line endings), or '' when they are equal. */
export function unifiedDiff(a: string[], b: string[]): string {
  return unifiedDiffLines(a, b).join('');
}

/** The lines difflib.unified_diff yields (headers end in a newline, other lines are as given);
 * Salt joins them with '\n' where it diffs lines without their endings (file.append). */
export function unifiedDiffLines(a: string[], b: string[]): string[] {
  const groups = groupOpcodes(opcodes(a, b));
  if (!groups.length) return [];
  const out = ['--- \n', '+++ \n'];
  for (const group of groups) {
    const first = group[0]!;
    const last = group[group.length - 1]!;
    out.push(`@@ -${range(first.i1, last.i2)} +${range(first.j1, last.j2)} @@\n`);
    for (const { tag, i1, i2, j1, j2 } of group) {
      if (tag === 'equal') out.push(...a.slice(i1, i2).map((line) => ` ${line}`));
      if (tag === 'replace' || tag === 'delete') out.push(...a.slice(i1, i2).map((line) => `-${line}`));
      if (tag === 'replace' || tag === 'insert') out.push(...b.slice(j1, j2).map((line) => `+${line}`));
    }
  }
  return out;
}

/** Splits text into lines that keep their endings, as Python's splitlines(True) does for bytes. */
export function splitLinesKeepEnds(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+/g) ?? [];
}

function range(start: number, stop: number): string {
  const length = stop - start;
  if (length === 1) return `${start + 1}`;
  return `${length ? start + 1 : start},${length}`;
}

// Hunks: changes with CONTEXT lines around them, split where more than twice that is unchanged.
function groupOpcodes(codes: Opcode[]): Opcode[][] {
  if (!codes.some((code) => code.tag !== 'equal')) return [];
  const first = codes[0]!;
  if (first.tag === 'equal') codes[0] = { ...first, i1: Math.max(first.i1, first.i2 - CONTEXT), j1: Math.max(first.j1, first.j2 - CONTEXT) };
  const last = codes[codes.length - 1]!;
  if (last.tag === 'equal') codes[codes.length - 1] = { ...last, i2: Math.min(last.i2, last.i1 + CONTEXT), j2: Math.min(last.j2, last.j1 + CONTEXT) };
  const groups: Opcode[][] = [];
  let group: Opcode[] = [];
  for (const code of codes) {
    let { i1, j1 } = code;
    if (code.tag === 'equal' && code.i2 - i1 > 2 * CONTEXT) {
      group.push({ ...code, i2: Math.min(code.i2, i1 + CONTEXT), j2: Math.min(code.j2, j1 + CONTEXT) });
      groups.push(group);
      group = [];
      i1 = Math.max(i1, code.i2 - CONTEXT);
      j1 = Math.max(j1, code.j2 - CONTEXT);
    }
    group.push({ ...code, i1, j1 });
  }
  if (!(group.length === 1 && group[0]!.tag === 'equal')) groups.push(group);
  return groups;
}

// Runs of equal lines from a longest common subsequence, and the changes between them.
function opcodes(a: string[], b: string[]): Opcode[] {
  const codes: Opcode[] = [];
  let i = 0;
  let j = 0;
  const pairs = commonPairs(a, b);
  for (let p = 0; p <= pairs.length; ) {
    const [ai, bj] = pairs[p] ?? [a.length, b.length];
    if (i < ai || j < bj) codes.push({ tag: i < ai ? (j < bj ? 'replace' : 'delete') : 'insert', i1: i, i2: ai, j1: j, j2: bj });
    if (p === pairs.length) break;
    let run = 0;
    while (pairs[p + run]?.[0] === ai + run && pairs[p + run]?.[1] === bj + run) run++;
    codes.push({ tag: 'equal', i1: ai, i2: ai + run, j1: bj, j2: bj + run });
    i = ai + run;
    j = bj + run;
    p += run;
  }
  return codes;
}

// Myers' O(ND) diff: the index pairs of equal lines, in order. Each step keeps only the
// diagonals it reached, so memory grows with the square of the differences, not the files.
function commonPairs(a: string[], b: string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  let done = false;
  for (let d = 0; d <= n + m && !done; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  const pairs: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const before = trace[d]!;
    const at = (k: number) => before[k + d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) pairs.push([--x, --y]);
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) pairs.push([--x, --y]);
  return pairs.reverse();
}
