// The parts of nunjucks 3.2.4 the Jinja layer builds on (lexer, parser, AST nodes,
// compiler, frames, macros). They are internals without typings, so they are reached
// through require and described here only as far as this layer uses them.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** An AST node; fields depend on the node type (see nunjucks/src/nodes.js). */
export type Node = any;
type NodeClass = { new (lineno: number, colno: number, ...fields: unknown[]): Node; extend(name: string, props: object): NodeClass };

export interface Token {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

export interface Frame {
  set(name: string, value: unknown, resolveUp?: boolean): void;
  lookup(name: string): unknown;
  push(isolateWrites?: boolean): Frame;
  pop(): Frame;
  parent: Frame | undefined;
  variables: Record<string, unknown>;
  topLevel: boolean;
}

export const nodes = require('nunjucks/src/nodes.js') as Record<string, NodeClass>;
export const lexer = require('nunjucks/src/lexer.js') as Record<string, string> & {
  lex(src: string, opts?: object): unknown;
};
export const parserModule = require('nunjucks/src/parser.js') as { Parser: new (tokens: unknown) => object };
export const compilerModule = require('nunjucks/src/compiler.js') as {
  Compiler: new (templateName: string, throwOnUndefined: boolean) => object;
};
const runtime = require('nunjucks/src/runtime.js') as {
  Frame: new () => Frame;
  makeMacro: unknown;
  SafeString: new (value: string) => object;
};

export const NunjucksFrame = runtime.Frame;
export const makeMacro = runtime.makeMacro;
/** What a nunjucks macro returns: a String-like object holding the macro's output. */
export const SafeString = runtime.SafeString;
