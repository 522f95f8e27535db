// nunjucks' tokenizer, corrected where Jinja's lexer reads differently: braces balance
// inside tags, and string literals take Python's escapes.
import { lexer, type Token } from './nunjucks.js';

interface Tokenizer {
  nextToken(): Token | null;
  back(): void;
  forward(): void;
  current(): string;
  isFinished(): boolean;
  in_code: boolean;
  _parseString(delimiter: string): string;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '\n': '',
};

/** A quoted literal with Python's escapes; an unknown escape such as \d keeps its backslash. */
function pythonString(this: Tokenizer, delimiter: string): string {
  const take = (count: number, pattern: RegExp): string => {
    let digits = '';
    while (digits.length < count && !this.isFinished() && pattern.test(this.current())) {
      digits += this.current();
      this.forward();
    }
    return digits;
  };
  this.forward();
  let out = '';
  while (!this.isFinished() && this.current() !== delimiter) {
    const char = this.current();
    this.forward();
    if (char !== '\\') {
      out += char;
      continue;
    }
    const escape = this.current();
    const width = { x: 2, u: 4, U: 8 }[escape];
    if (width) {
      this.forward();
      const hex = take(width, /[0-9a-fA-F]/);
      out += hex.length === width ? String.fromCodePoint(parseInt(hex, 16)) : `\\${escape}${hex}`;
    } else if (/[0-7]/.test(escape)) {
      out += String.fromCodePoint(parseInt(take(3, /[0-7]/), 8));
    } else if (escape in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[escape];
      this.forward();
    } else {
      out += `\\${escape}`;
      this.forward();
    }
  }
  this.forward();
  return out;
}

/** Jinja's lexer balances braces, so `{'a': {'b': 1}}` inside a tag does not end it at `}}`.
 * nunjucks' does not: a `}}` read while a `{` is open becomes a `}` and the lexer steps back. */
function balanceBraces(tokens: Tokenizer): Tokenizer {
  const next = tokens.nextToken.bind(tokens);
  let depth = 0;
  tokens.nextToken = () => {
    const tok = next();
    if (!tok) return tok;
    if (tok.type === lexer.TOKEN_VARIABLE_START || tok.type === lexer.TOKEN_BLOCK_START) depth = 0;
    else if (tok.type === lexer.TOKEN_LEFT_CURLY) depth += 1;
    else if (tok.type === lexer.TOKEN_RIGHT_CURLY) depth = Math.max(0, depth - 1);
    else if (tok.type === lexer.TOKEN_VARIABLE_END && tok.value === '}}' && depth > 0) {
      tokens.back();
      tokens.in_code = true;
      depth -= 1;
      return { type: lexer.TOKEN_RIGHT_CURLY, value: '}', lineno: tok.lineno, colno: tok.colno };
    }
    return tok;
  };
  return tokens;
}

/** The token stream of a template, as Salt's Jinja settings lex it (no trim_blocks, no lstrip_blocks). */
export function jinjaTokens(text: string): Tokenizer {
  const tokens = lexer.lex(text, { trimBlocks: false, lstripBlocks: false }) as Tokenizer;
  tokens._parseString = pythonString;
  return balanceBraces(tokens);
}
