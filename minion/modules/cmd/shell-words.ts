// Shell word syntax as Python's shlex reads and writes it (POSIX mode): splitting a
// command line into words with quotes respected, and quoting a word for a shell.
import { CommandExecutionError } from '../command-error.js';

const WHITESPACE = ' \t\r\n';

/** Splits a command line into words, like shlex.split: no shell, so ; | > stay literal. */
export function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
    } else if (quote === '"') {
      // Inside double quotes a backslash escapes only a double quote or a backslash.
      if (ch === '"') quote = null;
      else if (ch === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) word += text[++i];
      else word += ch;
    } else if (WHITESPACE.includes(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch !== '\\') word += ch;
      else if (i + 1 < text.length) word += text[++i];
      else throw new CommandExecutionError(`Cannot split command ${JSON.stringify(text)}: no escaped character`);
    }
  }
  if (quote) throw new CommandExecutionError(`Cannot split command ${JSON.stringify(text)}: no closing quotation`);
  if (inWord) words.push(word);
  return words;
}

/** Quotes a word so a POSIX shell reads it back unchanged, like shlex.quote. */
export function quoteShellWord(word: string): string {
  if (word === '') return "''";
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}
