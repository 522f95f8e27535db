// Python's str.splitlines(): every Unicode line boundary splits, and a trailing
// boundary does not leave an empty last line ('' has no lines at all).
const LINE_BOUNDARY = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

export function pySplitlines(text: string): string[] {
  const lines = text.split(LINE_BOUNDARY);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
