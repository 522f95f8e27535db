// Splits a compound target into words, as Salt does (on whitespace; a list is taken as
// its words already), and also splits parentheses off the words they are glued to.

export interface Word {
  text: string;
  /** 1-based character position in the expression (a list's words joined by spaces). */
  position: number;
}

export const OPERATORS: ReadonlySet<string> = new Set(['and', 'or', 'not', '(', ')']);

/** The expression as error messages quote it. */
export function compoundText(tgt: string | string[]): string {
  return Array.isArray(tgt) ? tgt.join(' ') : tgt;
}

export function compoundWords(tgt: string | string[]): Word[] {
  const raw: Word[] = [];
  if (Array.isArray(tgt)) {
    let position = 1;
    for (const text of tgt) {
      if (text) raw.push({ text, position });
      position += text.length + 1;
    }
  } else {
    for (const m of tgt.matchAll(/\S+/g)) raw.push({ text: m[0], position: m.index + 1 });
  }
  return raw.flatMap(splitParens);
}

/** `(G@os:Debian` is `(` then `G@os:Debian`; `E@web(1|2))` keeps the `)` it opened and gives up the other. */
function splitParens({ text, position }: Word): Word[] {
  const words: Word[] = [];
  let start = 0;
  while (text[start] === '(') words.push({ text: '(', position: position + start++ });
  let end = text.length;
  let surplus = unescapedCount(text, ')', start) - unescapedCount(text, '(', start);
  while (surplus > 0 && end > start && text[end - 1] === ')') {
    end--;
    surplus--;
  }
  if (end > start) words.push({ text: text.slice(start, end), position: position + start });
  for (let at = end; at < text.length; at++) words.push({ text: ')', position: position + at });
  return words;
}

function unescapedCount(text: string, char: string, from: number): number {
  let count = 0;
  for (let at = from; at < text.length; at++) if (text[at] === char && text[at - 1] !== '\\') count++;
  return count;
}
