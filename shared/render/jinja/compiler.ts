// Code generation for the Jinja dialect: nunjucks' compiler keeps its frames, buffers,
// macros and captures; every expression goes through the runtime (Python semantics,
// the sandbox, StrictUndefined), and the statements nunjucks lacks or gets wrong
// (for/if filters, set targets, do, break, imports, includes) are generated here.
import { compilerModule, nodes, type Frame, type Node } from './nunjucks.js';

const Base = compilerModule.Compiler as unknown as new (name: string, throwOnUndefined: boolean) => any;

const BINARY: Record<string, string> = {
  Add: 'add', Sub: 'sub', Mul: 'mul', Div: 'div', FloorDiv: 'floorDiv', Mod: 'mod', Pow: 'pow', Concat: 'concat',
};
const CONSTANTS: Record<string, string> = { True: 'true', False: 'false', None: 'null' };
/** Statements: the generated code records their line before running them, for errors. */
const STATEMENTS = new Set(['Output', 'If', 'For', 'Set', 'Do', 'With', 'Import', 'FromImport', 'JinjaInclude', 'ImportData', 'LoadData']);

const q = (text: string): string => JSON.stringify(text);

/** Template text cannot fail, so it needs no line bookkeeping. */
const isPlainText = (node: Node): boolean => node.typename === 'Output' && node.children.every((child: Node) => child.typename === 'TemplateData');

class JinjaCompiler extends Base {
  compile(node: Node, frame: Frame): void {
    if (STATEMENTS.has(node.typename) && !isPlainText(node)) this._emitLine(`runtime.line = ${node.lineno + 1};`);
    const binary = BINARY[node.typename];
    if (binary) {
      this._emit(`runtime.${binary}(`);
      this.compile(node.left, frame);
      this._emit(', ');
      this.compile(node.right, frame);
      this._emit(')');
      return;
    }
    super.compile(node, frame);
  }

  _compileExpression(node: Node, frame: Frame): void {
    this.compile(node, frame);
  }

  compileLiteral(node: Node, frame: Frame): void {
    if (node.isFloat) this._emit(`runtime.float(${Number(node.value)})`);
    else super.compileLiteral(node, frame);
  }

  compileSymbol(node: Node, frame: Frame): void {
    const name: string = node.value;
    if (name in CONSTANTS) {
      this._emit(CONSTANTS[name]);
      return;
    }
    const lookup = `runtime.lookup(context, frame, ${q(name)})`;
    const id = frame.lookup(name) as string | undefined;
    // Loop variables are always bound where they are visible; a set variable may not be (set in a branch).
    if (id && this.alwaysBound?.has(id)) this._emit(id);
    else this._emit(id ? `(${id} !== undefined ? ${id} : ${lookup})` : lookup);
  }

  _emitList(items: Node[], frame: Frame, open: string, close: string): void {
    this._emit(open);
    items.forEach((item, i) => {
      if (i > 0) this._emit(', ');
      this.compile(item, frame);
    });
    this._emit(close);
  }

  compileTuple(node: Node, frame: Frame): void {
    this._emitList(node.children, frame, 'runtime.tuple([', '])');
  }

  compileArray(node: Node, frame: Frame): void {
    this._emitList(node.children, frame, '[', ']');
  }

  _emitPairs(node: Node, frame: Frame, keyOf: (key: Node) => void): void {
    this._emit('[');
    node.children.forEach((pair: Node, i: number) => {
      if (i > 0) this._emit(', ');
      this._emit('[');
      keyOf(pair.key);
      this._emit(', ');
      this.compile(pair.value, frame);
      this._emit(']');
    });
    this._emit(']');
  }

  compileDict(node: Node, frame: Frame): void {
    this._emit('runtime.dict(');
    this._emitPairs(node, frame, (key) => this.compile(key, frame));
    this._emit(')');
  }

  compileKeywordArgs(node: Node, frame: Frame): void {
    this._emit('runtime.kwargs(');
    this._emitPairs(node, frame, (key) => this._emit(q(key.value)));
    this._emit(')');
  }

  _thunk(node: Node, frame: Frame): void {
    this._emit('() => (');
    this.compile(node, frame);
    this._emit(')');
  }

  compileInlineIf(node: Node, frame: Frame): void {
    this._emit('runtime.ifElse(');
    this.compile(node.cond, frame);
    this._emit(', ');
    this._thunk(node.body, frame);
    this._emit(', ');
    if (node.else_) this._thunk(node.else_, frame);
    else this._emit('() => ""');
    this._emit(')');
  }

  compileOr(node: Node, frame: Frame): void {
    this._emit('runtime.or(');
    this.compile(node.left, frame);
    this._emit(', ');
    this._thunk(node.right, frame);
    this._emit(')');
  }

  compileAnd(node: Node, frame: Frame): void {
    this._emit('runtime.and(');
    this.compile(node.left, frame);
    this._emit(', ');
    this._thunk(node.right, frame);
    this._emit(')');
  }

  compileNot(node: Node, frame: Frame): void {
    this._emit('runtime.not(');
    this.compile(node.target, frame);
    this._emit(')');
  }

  compileNeg(node: Node, frame: Frame): void {
    this._emit('runtime.neg(');
    this.compile(node.target, frame);
    this._emit(')');
  }

  compilePos(node: Node, frame: Frame): void {
    this._emit('runtime.pos(');
    this.compile(node.target, frame);
    this._emit(')');
  }

  compileIn(node: Node, frame: Frame): void {
    this._emit('runtime.contains(');
    this.compile(node.right, frame);
    this._emit(', ');
    this.compile(node.left, frame);
    this._emit(')');
  }

  compileIs(node: Node, frame: Frame): void {
    this._emit(`runtime.test(${q(node.right.name.value)}, `);
    this.compile(node.left, frame);
    this._emitList(node.right.args.children, frame, ', [', '])');
  }

  compileCompare(node: Node, frame: Frame): void {
    this._emit('runtime.compare(');
    this.compile(node.expr, frame);
    for (const operand of node.ops) {
      this._emit(`, [${q(operand.type)}, `);
      this.compile(operand.expr, frame);
      this._emit(']');
    }
    this._emit(')');
  }

  compileLookupVal(node: Node, frame: Frame): void {
    this._emit(node.dot ? 'runtime.getattr(' : 'runtime.getitem(');
    this.compile(node.target, frame);
    this._emit(', ');
    this.compile(node.val, frame);
    this._emit(')');
  }

  compileSlice(node: Node, frame: Frame): void {
    this._emit('runtime.slice(');
    [node.start, node.stop, node.step].forEach((part: Node, i: number) => {
      if (i > 0) this._emit(', ');
      if (part) this.compile(part, frame);
      else this._emit('null');
    });
    this._emit(')');
  }

  compileFunCall(node: Node, frame: Frame): void {
    this._emit('runtime.call(');
    this.compile(node.name, frame);
    this._emit(`, ${q(this._getNodeName(node.name))}`);
    this._emitList(node.args.children, frame, ', [', '])');
  }

  compileFilter(node: Node, frame: Frame): void {
    const [value, ...args] = node.args.children as Node[];
    this._emit(`runtime.filter(${q(node.name.value)}, `);
    this.compile(value, frame);
    this._emitList(args, frame, ', [', '])');
  }

  compileOutput(node: Node, frame: Frame): void {
    for (const child of node.children as Node[]) {
      if (child.typename === 'TemplateData') {
        if (!child.value) continue;
        this._emit(`${this.buffer} += `);
        this.compileLiteral(child, frame);
        this._emitLine(';');
      } else {
        this._emit(`${this.buffer} += runtime.str(`);
        this.compile(child, frame);
        this._emitLine(');');
      }
    }
  }

  compileIf(node: Node, frame: Frame): void {
    this._emit('if (runtime.truthy(');
    this.compile(node.cond, frame);
    this._emitLine(')) {');
    this.compile(node.body, frame);
    if (node.else_) {
      this._emitLine('} else {');
      this.compile(node.else_, frame);
    }
    this._emitLine('}');
  }

  compileDo(node: Node, frame: Frame): void {
    this.compile(node.expr, frame);
    this._emitLine(';');
  }

  compileLoopControl(node: Node): void {
    if (!this.loopDepth) this.fail(`'${node.kind}' outside of a loop`, node.lineno, node.colno);
    this._emitLine(`${node.kind};`);
  }

  /** Binds a loop or set target (a name or a tuple of names) to the JS expression `value`. */
  _bind(target: Node, value: string, frame: Frame): void {
    if (target.typename === 'Tuple') {
      const items = this._tmpid();
      this._emitLine(`var ${items} = runtime.unpack(${value}, ${target.children.length});`);
      target.children.forEach((child: Node, i: number) => this._bind(child, `${items}[${i}]`, frame));
      return;
    }
    const name: string = target.value;
    const id: string = frame.variables[name] ?? this._tmpid();
    frame.set(name, id);
    this._emitLine(`var ${id} = ${value};`);
    this._emitLine(`frame.set(${q(name)}, ${id});`);
    this._emitLine(`if (frame.topLevel) { context.setVariable(${q(name)}, ${id});${name.startsWith('_') ? '' : ` context.addExport(${q(name)});`} }`);
  }

  compileFor(node: Node, outer: Frame): void {
    const frame = outer.push();
    const items = this._tmpid();
    const i = this._tmpid();
    const loop = this._tmpid();
    this._emitLine('frame = frame.push();');
    this._emit(`var ${items} = runtime.iterate(`);
    this.compile(node.arr, outer);
    this._emitLine(');');
    if (node.cond) {
      // Filtered loops count only the items that pass: filter first, then loop.
      const kept = this._tmpid();
      this._emitLine(`var ${kept} = [];`);
      this._emitLine(`for (var ${i} = 0; ${i} < ${items}.length; ${i}++) {`);
      this._bindLoopTarget(node.name, `${items}[${i}]`, frame);
      this._emit(`if (runtime.truthy(`);
      this.compile(node.cond, frame);
      this._emitLine(`)) ${kept}.push(${items}[${i}]);`);
      this._emitLine('}');
      this._emitLine(`${items} = ${kept};`);
    }
    this._emitLine(`for (var ${i} = 0; ${i} < ${items}.length; ${i}++) {`);
    this._bindLoopTarget(node.name, `${items}[${i}]`, frame);
    frame.set('loop', loop);
    (this.alwaysBound ??= new Set<string>()).add(loop);
    this._emitLine(`var ${loop} = runtime.loop(${items}, ${i});`);
    this._emitLine(`frame.set("loop", ${loop});`);
    this.loopDepth = (this.loopDepth ?? 0) + 1;
    this.compile(node.body, frame);
    this.loopDepth -= 1;
    this._emitLine('}');
    if (node.else_) {
      this._emitLine(`if (!${items}.length) {`);
      this.compile(node.else_, frame);
      this._emitLine('}');
    }
    this._emitLine('frame = frame.pop();');
  }

  _bindLoopTarget(target: Node, value: string, frame: Frame): void {
    if (target.typename === 'Tuple') {
      const parts = this._tmpid();
      this._emitLine(`var ${parts} = runtime.unpack(${value}, ${target.children.length});`);
      target.children.forEach((child: Node, i: number) => this._bindLoopTarget(child, `${parts}[${i}]`, frame));
      return;
    }
    const id: string = frame.variables[target.value] ?? this._tmpid();
    frame.set(target.value, id);
    (this.alwaysBound ??= new Set<string>()).add(id);
    this._emitLine(`var ${id} = ${value};`);
    this._emitLine(`frame.set(${q(target.value)}, ${id});`);
  }

  compileSet(node: Node, frame: Frame): void {
    const target: Node = node.targets[0];
    const value = this._tmpid();
    this._emit(`var ${value} = `);
    if (node.value) this.compile(node.value, frame);
    else this.compile(node.body, frame);
    this._emitLine(';');
    if (target.typename === 'LookupVal') {
      this._emit('runtime.setAttr(');
      this.compile(target.target, frame);
      this._emitLine(`, ${q(target.val.value)}, ${value});`);
      return;
    }
    this._bind(target, value, frame);
  }

  compileImport(node: Node, frame: Frame): void {
    const module = this._tmpid();
    this._emit(`var ${module} = runtime.importModule(context, `);
    this.compile(node.template, frame);
    this._emitLine(`, ${node.withContext === true});`);
    this._bind(node.target, module, frame);
  }

  compileFromImport(node: Node, frame: Frame): void {
    const names: [string, string][] = node.names.children.map((child: Node) =>
      child.typename === 'Pair' ? [child.key.value, child.value.value] : [child.value, child.value],
    );
    const values = this._tmpid();
    this._emit(`var ${values} = runtime.fromImport(context, `);
    this.compile(node.template, frame);
    this._emitLine(`, ${node.withContext === true}, ${JSON.stringify(names.map(([name]) => name))});`);
    names.forEach(([, alias], i) => this._bind(new nodes.Symbol(node.lineno, node.colno, alias), `${values}[${i}]`, frame));
  }

  compileWith(node: Node, outer: Frame): void {
    const frame = outer.push();
    const values = node.values.map((value: Node) => {
      const id = this._tmpid();
      this._emit(`var ${id} = `);
      this.compile(value, outer);
      this._emitLine(';');
      return id;
    });
    this._emitLine('frame = frame.push();');
    node.names.forEach((name: Node, i: number) => this._bind(name, values[i], frame));
    this.compile(node.body, frame);
    this._emitLine('frame = frame.pop();');
  }

  compileJinjaInclude(node: Node, frame: Frame): void {
    this._emit(`${this.buffer} += runtime.include(context, frame, `);
    this.compile(node.template, frame);
    this._emitLine(`, ${node.ignoreMissing}, ${node.withContext});`);
  }

  compileImportData(node: Node, frame: Frame): void {
    const data = this._tmpid();
    this._emit(`var ${data} = runtime.importData(${q(node.format)}, `);
    this.compile(node.template, frame);
    this._emitLine(');');
    this._bind(node.target, data, frame);
  }

  compileLoadData(node: Node, frame: Frame): void {
    const data = this._tmpid();
    this._emit(`var ${data} = runtime.loadData(${q(node.format)}, `);
    this.compile(node.body, frame);
    this._emitLine(');');
    this._bind(node.target, data, frame);
  }
}

/** JavaScript source for a parsed template: `return { root, ... }` as nunjucks lays it out. */
export function generate(root: Node): string {
  const compiler = new JinjaCompiler('', false);
  compiler.compile(root, undefined as unknown as Frame);
  return compiler.getCode();
}
