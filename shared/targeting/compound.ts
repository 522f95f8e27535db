// Salt's compound targets (-C): words such as `G@os:Debian`, `E@web\d+` or a plain glob on
// the minion id, joined by `and`, `or`, `not` and parentheses. Salt evaluates them as a
// Python boolean expression, so Python's precedence holds: `not`, then `and`, then `or`.
import { SaltTsError } from '../errors.js';
import { compoundText, compoundWords, OPERATORS, type Word } from './compound-words.js';
import { memoize } from './memoize.js';
import { checkSimple, type SimpleTargetType } from './simple.js';
import { DEFAULT_DELIMITER } from './subdict.js';

export type CompoundNode =
  | { op: 'and' | 'or'; left: CompoundNode; right: CompoundNode }
  | { op: 'not'; operand: CompoundNode }
  | { op: 'target'; tgtType: SimpleTargetType; pattern: string; delimiter: string };

const ENGINES: Record<string, SimpleTargetType> = {
  G: 'grain',
  P: 'grain_pcre',
  I: 'pillar',
  J: 'pillar_pcre',
  L: 'list',
  E: 'pcre',
  S: 'ipcidr',
  N: 'nodegroup',
};

/** Engines that take their own key delimiter between letter and `@`: `G;@os;Debian`. */
const DELIMITED_ENGINES = new Set(['G', 'P', 'I', 'J']);

/** Parses (once per expression) and checks every word; throws SALTTS_BAD_TARGET naming the position. */
export function parseCompound(tgt: string | string[]): CompoundNode {
  return parseByKey(JSON.stringify(tgt));
}

const parseByKey = memoize((key) => {
  const tgt = JSON.parse(key) as string | string[];
  return new Parser(compoundWords(tgt), compoundText(tgt)).parse();
});

type TargetNode = CompoundNode & { op: 'target' };

class Parser {
  private next = 0;
  private readonly targets: Array<{ node: TargetNode; word: Word }> = [];

  constructor(
    private readonly words: Word[],
    private readonly expr: string,
  ) {}

  parse(): CompoundNode {
    if (this.words.length === 0) throw this.error('it is empty');
    const node = this.or();
    const extra = this.words[this.next];
    if (extra) throw this.error(extra.text === ')' ? 'unmatched ")"' : `expected "and" or "or" before "${extra.text}"`, extra);
    // Each word is checked once the whole expression is known to be well formed.
    for (const target of this.targets) this.check(target.node, target.word);
    return node;
  }

  private or(): CompoundNode {
    let node = this.and();
    while (this.take('or')) node = { op: 'or', left: node, right: this.and() };
    return node;
  }

  private and(): CompoundNode {
    let node = this.not();
    // Salt reads `a not b` as `a and not b`.
    while (this.take('and') || this.words[this.next]?.text === 'not') node = { op: 'and', left: node, right: this.not() };
    return node;
  }

  private not(): CompoundNode {
    return this.take('not') ? { op: 'not', operand: this.not() } : this.operand();
  }

  private operand(): CompoundNode {
    const word = this.words[this.next];
    if (!word) throw this.error(`expected a target after "${this.words[this.next - 1]!.text}"`, this.words[this.next - 1]!);
    if (word.text !== '(' && OPERATORS.has(word.text)) throw this.error(`expected a target before "${word.text}"`, word);
    this.next++;
    if (word.text !== '(') return this.target(word);
    const node = this.or();
    const close = this.words[this.next];
    if (!close) throw this.error('unclosed "("', word);
    if (close.text !== ')') throw this.error(`expected "and" or "or" before "${close.text}"`, close);
    this.next++;
    return node;
  }

  private target(word: Word): CompoundNode {
    // Salt's engine prefix: one capital letter, for G/P/I/J an optional delimiter, then `@`.
    const prefix = /^([A-Z])(.)?@/s.exec(word.text);
    const letter = prefix?.[1];
    const delimiter = prefix?.[2];
    let node: TargetNode;
    if (!prefix || (delimiter !== undefined && !DELIMITED_ENGINES.has(letter!))) {
      node = { op: 'target', tgtType: 'glob', pattern: word.text, delimiter: DEFAULT_DELIMITER };
    } else {
      const tgtType = ENGINES[letter!];
      if (!tgtType) throw this.error(`unknown target engine "${prefix[0]}"`, word);
      const pattern = word.text.slice(prefix[0].length);
      if (!pattern) throw this.error(`missing pattern after "${prefix[0]}"`, word);
      node = { op: 'target', tgtType, pattern, delimiter: delimiter ?? DEFAULT_DELIMITER };
    }
    this.targets.push({ node, word });
    return node;
  }

  private check(node: TargetNode, word: Word): void {
    try {
      checkSimple(node.tgtType, node.pattern, node.delimiter);
    } catch (err) {
      throw this.error(`"${word.text}" is not a valid target (${(err as Error).message})`, word);
    }
  }

  private take(operator: string): boolean {
    if (this.words[this.next]?.text !== operator) return false;
    this.next++;
    return true;
  }

  private error(reason: string, at?: Word): SaltTsError {
    const where = at ? ` at position ${at.position}` : '';
    return new SaltTsError('SALTTS_BAD_TARGET', `invalid compound target ${JSON.stringify(this.expr)}: ${reason}${where}`);
  }
}
