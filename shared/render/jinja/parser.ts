// Jinja syntax nunjucks' parser lacks or reads differently: `for ... if`, `set a, b = `,
// `set ns.x = `, `do`, `break`/`continue`, tuples, slices, trailing commas, expression
// dict keys, `is test arg`, float literals, and Salt's import_yaml/json/text and
// load_yaml/json/text tags. Names must be identifiers: they end up in generated code.
import { jinjaTokens } from './lexer.js';
import { lexer, nodes, parserModule, type Node, type Token } from './nunjucks.js';

const jinjaNodes = {
  Do: nodes.Node.extend('Do', { fields: ['expr'] }),
  LoopControl: nodes.Node.extend('LoopControl', { fields: ['kind'] }),
  Tuple: nodes.NodeList.extend('Tuple', {}),
  Slice: nodes.Node.extend('Slice', { fields: ['start', 'stop', 'step'] }),
  ImportData: nodes.Node.extend('ImportData', { fields: ['format', 'template', 'target'] }),
  LoadData: nodes.Node.extend('LoadData', { fields: ['format', 'target', 'body'] }),
  JinjaInclude: nodes.Node.extend('JinjaInclude', { fields: ['template', 'ignoreMissing', 'withContext'] }),
  With: nodes.Node.extend('With', { fields: ['names', 'values', 'body'] }),
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CLOSERS = new Set([lexer.TOKEN_RIGHT_PAREN, lexer.TOKEN_RIGHT_BRACKET, lexer.TOKEN_RIGHT_CURLY]);
/** Tokens after which `is name` has no argument: `x is defined and y`, `x is none %}`. */
const NO_TEST_ARGUMENT = new Set(['and', 'or', 'else', 'if', 'in', 'not', 'is', 'recursive']);
const DATA_TAGS: Record<string, string> = { import_yaml: 'yaml', import_json: 'json', import_text: 'text' };
const LOAD_TAGS: Record<string, string> = { load_yaml: 'yaml', load_json: 'json', load_text: 'text' };

// nunjucks' Parser is an old-style class; this layer extends it and overrides by name.
const Base = parserModule.Parser as unknown as new (tokens: unknown) => any;

class JinjaParser extends Base {
  nextToken(withWhitespace?: boolean): Token | null {
    const tok: Token | null = super.nextToken(withWhitespace);
    if (tok && tok.type === lexer.TOKEN_SYMBOL && !IDENTIFIER.test(tok.value)) {
      this.fail(`unexpected '${tok.value}': not a name`, tok.lineno, tok.colno);
    }
    if (tok && tok.type === lexer.TOKEN_REGEX) this.fail('unexpected r/.../: Jinja has no regex literals', tok.lineno, tok.colno);
    return tok;
  }

  parseStatement(): Node {
    const tok: Token = this.peekToken();
    if (tok.type === lexer.TOKEN_SYMBOL && !(this.breakOnBlocks ?? []).includes(tok.value)) {
      if (tok.value === 'do') return this.parseDo();
      if (tok.value === 'break' || tok.value === 'continue') return this.parseLoopControl();
      if (tok.value in DATA_TAGS) return this.parseImportData();
      if (tok.value in LOAD_TAGS) return this.parseLoadData();
      if (tok.value === 'include') return this.parseJinjaInclude();
      if (tok.value === 'with') return this.parseWith();
      if (['extends', 'block', 'switch', 'asyncEach', 'asyncAll', 'ifAsync'].includes(tok.value)) {
        this.fail(`unknown tag '${tok.value}'`, tok.lineno, tok.colno);
      }
    }
    return super.parseStatement();
  }

  parseDo(): Node {
    const tok = this.nextToken() as Token;
    const node = new jinjaNodes.Do(tok.lineno, tok.colno, this.parseExpression());
    this.advanceAfterBlockEnd('do');
    return node;
  }

  parseLoopControl(): Node {
    const tok = this.nextToken() as Token;
    this.advanceAfterBlockEnd(tok.value);
    return new jinjaNodes.LoopControl(tok.lineno, tok.colno, tok.value);
  }

  /** {% import_yaml 'file' as name %} */
  parseImportData(): Node {
    const tok = this.nextToken() as Token;
    const template = this.parseExpression();
    if (!this.skipSymbol('as')) this.fail(`${tok.value}: expected "as"`, tok.lineno, tok.colno);
    const target = this.parseTargetName();
    this.advanceAfterBlockEnd(tok.value);
    return new jinjaNodes.ImportData(tok.lineno, tok.colno, DATA_TAGS[tok.value], template, target);
  }

  /** {% load_yaml as name %}...{% endload %} */
  parseLoadData(): Node {
    const tok = this.nextToken() as Token;
    if (!this.skipSymbol('as')) this.fail(`${tok.value}: expected "as"`, tok.lineno, tok.colno);
    const target = this.parseTargetName();
    this.advanceAfterBlockEnd(tok.value);
    const body = new nodes.Capture(tok.lineno, tok.colno, this.parseUntilBlocks('endload'));
    this.advanceAfterBlockEnd();
    return new jinjaNodes.LoadData(tok.lineno, tok.colno, LOAD_TAGS[tok.value], target, body);
  }

  /** {% include 'x' [ignore missing] [with context|without context] %} */
  parseJinjaInclude(): Node {
    const tok = this.nextToken() as Token;
    const template = this.parseExpression();
    let ignoreMissing = false;
    if (this.skipSymbol('ignore')) {
      if (!this.skipSymbol('missing')) this.fail('include: expected "missing" after "ignore"', tok.lineno, tok.colno);
      ignoreMissing = true;
    }
    const withContext = this.parseWithContext();
    this.advanceAfterBlockEnd('include');
    return new jinjaNodes.JinjaInclude(tok.lineno, tok.colno, template, ignoreMissing, withContext !== false);
  }

  /** {% with a = 1, b = 2 %}...{% endwith %}: names visible only inside. */
  parseWith(): Node {
    const tok = this.nextToken() as Token;
    const names: Node[] = [];
    const values: Node[] = [];
    while (this.peekToken().type !== lexer.TOKEN_BLOCK_END) {
      if (names.length > 0 && !this.skip(lexer.TOKEN_COMMA)) this.fail('with: expected ","', tok.lineno, tok.colno);
      names.push(this.parseTargetName());
      if (!this.skipValue(lexer.TOKEN_OPERATOR, '=')) this.fail('with: expected "="', tok.lineno, tok.colno);
      values.push(this.parseExpression());
    }
    this.advanceAfterBlockEnd('with');
    const body = this.parseUntilBlocks('endwith');
    this.advanceAfterBlockEnd();
    return new jinjaNodes.With(tok.lineno, tok.colno, names, values, body);
  }

  parseTargetName(): Node {
    const tok = this.nextToken() as Token;
    if (!tok || tok.type !== lexer.TOKEN_SYMBOL) this.fail('expected a variable name', tok?.lineno, tok?.colno);
    return new nodes.Symbol(tok.lineno, tok.colno, tok.value);
  }

  /** `a`, `a, b`, `(a, b)` as assignment targets of for and set. */
  parseTargets(allowAttribute: boolean): Node {
    const first = this.parseTarget(allowAttribute);
    if (this.peekToken().type !== lexer.TOKEN_COMMA) return first;
    const tuple = new jinjaNodes.Tuple(first.lineno, first.colno, [first]);
    while (this.skip(lexer.TOKEN_COMMA)) tuple.addChild(this.parseTarget(false));
    return tuple;
  }

  parseTarget(allowAttribute: boolean): Node {
    if (this.skip(lexer.TOKEN_LEFT_PAREN)) {
      const inner = this.parseTargets(false);
      this.expect(lexer.TOKEN_RIGHT_PAREN);
      return inner;
    }
    const name = this.parseTargetName();
    if (allowAttribute && this.skipValue(lexer.TOKEN_OPERATOR, '.')) {
      const attr = this.parseTargetName();
      return new nodes.LookupVal(name.lineno, name.colno, name, new nodes.Literal(attr.lineno, attr.colno, attr.value));
    }
    return name;
  }

  parseFor(): Node {
    const tok = this.nextToken() as Token;
    if (tok.value !== 'for') this.fail(`unknown tag '${tok.value}'`, tok.lineno, tok.colno);
    const node = new nodes.For(tok.lineno, tok.colno);
    node.name = this.parseTargets(false);
    if (!this.skipSymbol('in')) this.fail('for: expected "in"', tok.lineno, tok.colno);
    // The iterable stops before `if`: that `if` filters the loop, it is not an inline if.
    node.arr = this.parseOr();
    node.cond = this.skipSymbol('if') ? this.parseExpression() : null;
    if (this.skipSymbol('recursive')) this.fail('for: recursive loops are not supported', tok.lineno, tok.colno);
    this.advanceAfterBlockEnd('for');
    node.body = this.parseUntilBlocks('endfor', 'else');
    if (this.skipSymbol('else')) {
      this.advanceAfterBlockEnd('else');
      node.else_ = this.parseUntilBlocks('endfor');
    }
    this.advanceAfterBlockEnd();
    return node;
  }

  parseSet(): Node {
    const tok = this.nextToken() as Token;
    const target = this.parseTargets(true);
    const node = new nodes.Set(tok.lineno, tok.colno, [target]);
    if (this.skipValue(lexer.TOKEN_OPERATOR, '=')) {
      node.value = this.parseExpression();
      // `set a, b = b, a`: a bare comma list is a tuple.
      if (this.peekToken().type === lexer.TOKEN_COMMA) {
        const tuple = new jinjaNodes.Tuple(node.value.lineno, node.value.colno, [node.value]);
        while (this.skip(lexer.TOKEN_COMMA)) tuple.addChild(this.parseExpression());
        node.value = tuple;
      }
      this.advanceAfterBlockEnd('set');
      return node;
    }
    if (target.typename !== 'Symbol') this.fail('set: a block set assigns one name', tok.lineno, tok.colno);
    if (!this.skip(lexer.TOKEN_BLOCK_END)) this.fail('set: expected "=" or the end of the tag', tok.lineno, tok.colno);
    node.value = null;
    node.body = new nodes.Capture(tok.lineno, tok.colno, this.parseUntilBlocks('endset'));
    this.advanceAfterBlockEnd();
    return node;
  }

  parseInlineIf(): Node {
    let node = this.parseOr();
    if (this.skipSymbol('if')) {
      const cond = this.parseOr();
      const body = node;
      node = new nodes.InlineIf(node.lineno, node.colno);
      node.body = body;
      node.cond = cond;
      node.else_ = this.skipSymbol('else') ? this.parseInlineIf() : null;
    }
    return node;
  }

  /** `x is name`, `x is name(args)`, `x is name arg`, `x is not name`. */
  parseIs(): Node {
    let node = this.parseCompare();
    while (this.skipSymbol('is')) {
      const negated = this.skipSymbol('not');
      const tok = this.nextToken() as Token;
      const testName = tok.type === lexer.TOKEN_NONE ? 'none' : tok.type === lexer.TOKEN_BOOLEAN ? tok.value : tok.type === lexer.TOKEN_SYMBOL || tok.type === lexer.TOKEN_OPERATOR ? tok.value : null;
      if (testName === null) this.fail('expected a test name after "is"', tok.lineno, tok.colno);
      let args = new nodes.NodeList(tok.lineno, tok.colno);
      const next: Token = this.peekToken();
      if (next.type === lexer.TOKEN_LEFT_PAREN) args = this.parseSignature();
      else if (this.startsTestArgument(next)) args.addChild(this.parsePrimary());
      const test = new nodes.FunCall(tok.lineno, tok.colno, new nodes.Symbol(tok.lineno, tok.colno, testName), args);
      node = new nodes.Is(node.lineno, node.colno, node, test);
      if (negated) node = new nodes.Not(node.lineno, node.colno, node);
    }
    return node;
  }

  /** Jinja's arithmetic levels: + and - below ~, below * / // %, each left-associative. */
  parseConcat(): Node {
    return this.parseLevel(() => this.parseTilde(), { '+': nodes.Add, '-': nodes.Sub });
  }

  parseTilde(): Node {
    let node = this.parseMul();
    while (this.skip(lexer.TOKEN_TILDE)) node = new nodes.Concat(node.lineno, node.colno, node, this.parseMul());
    return node;
  }

  parseMul(): Node {
    return this.parseLevel(() => this.parsePow(), { '*': nodes.Mul, '/': nodes.Div, '//': nodes.FloorDiv, '%': nodes.Mod });
  }

  parseLevel(operand: () => Node, operators: Record<string, (typeof nodes)[string]>): Node {
    let node = operand();
    for (;;) {
      const tok = this.nextToken() as Token;
      if (!tok || tok.type !== lexer.TOKEN_OPERATOR || !Object.hasOwn(operators, tok.value)) {
        this.pushToken(tok);
        return node;
      }
      node = new operators[tok.value](node.lineno, node.colno, node, operand());
    }
  }

  startsTestArgument(tok: Token): boolean {
    if ([lexer.TOKEN_STRING, lexer.TOKEN_INT, lexer.TOKEN_FLOAT, lexer.TOKEN_NONE, lexer.TOKEN_BOOLEAN, lexer.TOKEN_LEFT_BRACKET, lexer.TOKEN_LEFT_CURLY].includes(tok.type)) return true;
    return tok.type === lexer.TOKEN_SYMBOL && !NO_TEST_ARGUMENT.has(tok.value);
  }

  parsePrimary(noPostfix?: boolean): Node {
    const tok: Token = this.peekToken();
    if (tok && tok.type === lexer.TOKEN_FLOAT) {
      this.nextToken();
      let node = new nodes.Literal(tok.lineno, tok.colno, parseFloat(tok.value));
      node.isFloat = true;
      if (!noPostfix) node = this.parsePostfix(node);
      return node;
    }
    return super.parsePrimary(noPostfix);
  }

  /** Calls, `.name` and `[key]` / `[start:stop:step]` after a primary. */
  parsePostfix(node: Node): Node {
    let tok: Token = this.peekToken();
    while (tok) {
      if (tok.type === lexer.TOKEN_LEFT_PAREN) {
        node = new nodes.FunCall(tok.lineno, tok.colno, node, this.parseSignature());
      } else if (tok.type === lexer.TOKEN_LEFT_BRACKET) {
        this.nextToken();
        node = new nodes.LookupVal(tok.lineno, tok.colno, node, this.parseSubscript(tok));
      } else if (tok.type === lexer.TOKEN_OPERATOR && tok.value === '.') {
        this.nextToken();
        const name = this.nextToken() as Token;
        if (!name || name.type !== lexer.TOKEN_SYMBOL) this.fail('expected a name after "."', tok.lineno, tok.colno);
        node = new nodes.LookupVal(tok.lineno, tok.colno, node, new nodes.Literal(name.lineno, name.colno, name.value));
        node.dot = true;
      } else {
        break;
      }
      tok = this.peekToken();
    }
    return node;
  }

  parseSubscript(open: Token): Node {
    const bound = (): Node => {
      const next: Token = this.peekToken();
      return next.type === lexer.TOKEN_COLON || next.type === lexer.TOKEN_RIGHT_BRACKET ? null : this.parseExpression();
    };
    const start = bound();
    if (!this.skip(lexer.TOKEN_COLON)) {
      if (start === null) this.fail('expected an index', open.lineno, open.colno);
      this.expect(lexer.TOKEN_RIGHT_BRACKET);
      return start;
    }
    const stop = bound();
    const step = this.skip(lexer.TOKEN_COLON) ? bound() : null;
    this.expect(lexer.TOKEN_RIGHT_BRACKET);
    return new jinjaNodes.Slice(open.lineno, open.colno, start, stop, step);
  }

  /** (a), (a, b), [a, b,], {k: v,} with any expression as a key. */
  parseAggregate(): Node {
    const tok = this.nextToken() as Token;
    let node: Node;
    if (tok.type === lexer.TOKEN_LEFT_PAREN) node = new nodes.Group(tok.lineno, tok.colno);
    else if (tok.type === lexer.TOKEN_LEFT_BRACKET) node = new nodes.Array(tok.lineno, tok.colno);
    else if (tok.type === lexer.TOKEN_LEFT_CURLY) node = new nodes.Dict(tok.lineno, tok.colno);
    else return null;
    let sawComma = false;
    for (;;) {
      if (CLOSERS.has(this.peekToken().type)) {
        this.nextToken();
        break;
      }
      if (node.children.length > 0) {
        if (!this.skip(lexer.TOKEN_COMMA)) this.fail('expected "," between items', tok.lineno, tok.colno);
        sawComma = true;
        if (CLOSERS.has(this.peekToken().type)) continue;
      }
      if (node.typename === 'Dict') {
        const key = this.parseExpression();
        if (!this.skip(lexer.TOKEN_COLON)) this.fail('expected ":" after a dict key', tok.lineno, tok.colno);
        node.addChild(new nodes.Pair(key.lineno, key.colno, key, this.parseExpression()));
      } else {
        node.addChild(this.parseExpression());
      }
    }
    if (node.typename === 'Group' && (sawComma || node.children.length === 0)) {
      return new jinjaNodes.Tuple(tok.lineno, tok.colno, node.children);
    }
    return node;
  }
}

export function parseTemplate(text: string): Node {
  const parser = new JinjaParser(jinjaTokens(text));
  return parser.parseAsRoot();
}
