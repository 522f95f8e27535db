// Renders templates: compiles each distinct text once (cached), runs it with a runtime
// for its file, and resolves imports, includes and import_yaml through the render's
// loader. One render at a time per thread; a nested render (a salt function that
// renders a template itself) stacks its own session.
import type { LoadedTemplate, RenderOptions } from '../types.js';
import { generate } from './compiler.js';
import { TemplateFailure } from './failure.js';
import { loadJson, loadYaml } from './filters-salt.js';
import { builtinGlobals } from './globals.js';
import { NunjucksFrame, type Frame } from './nunjucks.js';
import { parseTemplate } from './parser.js';
import { str } from './print.js';
import { TemplateContext, createRuntime, undefinedName, type Runtime, type TemplateHost } from './runtime.js';
import { SaltFunctions } from './salt.js';
import { TemplateModule, defineKey, hasOwn } from './values.js';

type RootFunction = (env: unknown, context: TemplateContext, frame: Frame, runtime: Runtime, cb: (err: unknown, out?: string) => void) => void;

// Enough for every SLS and map file of a highstate; large templates compile to large code.
const CACHE_LIMIT = 300;
const MAX_DEPTH = 32;
const compiled = new Map<string, RootFunction>();

/** Jinja reads every newline as \n and drops the template's last one (keep_trailing_newline is off). */
function jinjaText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\n$/, '');
}

/** A parse error, at its line; an error at the end of the text is at the last line. */
function syntaxFailure(err: unknown, text: string, source: string): TemplateFailure {
  if (err instanceof TemplateFailure) return err;
  const e = err as { message?: string; lineno?: number };
  // nunjucks names its parser functions in some messages ("parseIf: expected ..."); users need only the cause.
  const reason = String(e.message ?? err).replace(/^parse\w*: /, '');
  const line = e.lineno ?? text.split(/\r\n|\r|\n/).length;
  return new TemplateFailure(`TemplateSyntaxError: ${reason}`, line, source);
}

/** The compiled root function of a template text, from the cache when seen before. */
function compileTemplate(text: string, source: string): RootFunction {
  const cached = compiled.get(text);
  if (cached) {
    // Least recently used goes first: re-insert on every hit.
    compiled.delete(text);
    compiled.set(text, cached);
    return cached;
  }
  let root: RootFunction;
  try {
    const code = generate(parseTemplate(text));
    root = (new Function(code)() as { root: RootFunction }).root;
  } catch (err) {
    throw syntaxFailure(err, text, source);
  }
  if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value as string);
  compiled.set(text, root);
  return root;
}

interface Session {
  options: RenderOptions;
  globals: Record<string, unknown>;
  depth: number;
}

let session: Session | undefined;

function current(): Session {
  if (!session) throw new TemplateFailure('no template is being rendered');
  return session;
}

function load(name: unknown, from: string): LoadedTemplate | null {
  const { options } = current();
  if (typeof name !== 'string') throw new TemplateFailure(`TypeError: a template name must be a string, not ${str(name)}`);
  if (!options.loader) throw new TemplateFailure(`TemplateNotFound: ${name} (no template loader for ${options.source})`);
  return options.loader(name, from);
}

function mustLoad(name: unknown, from: string): LoadedTemplate {
  const found = load(name, from);
  if (!found) throw new TemplateFailure(`TemplateNotFound: ${String(name)}`);
  return found;
}

/** Runs one template file; returns its output and its context (for exports). */
function run(template: LoadedTemplate, vars: Record<string, unknown>): { output: string; context: TemplateContext } {
  const state = current();
  if (state.depth >= MAX_DEPTH) throw new TemplateFailure(`templates import or include each other more than ${MAX_DEPTH} levels deep (at ${template.source})`);
  const root = compileTemplate(jinjaText(template.text), template.source);
  const context = new TemplateContext(vars);
  const frame = new NunjucksFrame();
  frame.topLevel = true;
  let output = '';
  let failure: unknown;
  state.depth += 1;
  try {
    root(null, context, frame, createRuntime(template.source, host), (err, out) => {
      failure = err;
      output = out ?? '';
    });
  } finally {
    state.depth -= 1;
  }
  if (failure) throw failure;
  return { output, context };
}

const host: TemplateHost = {
  lookupGlobal(name) {
    const { globals } = current();
    return hasOwn(globals, name) ? globals[name] : undefinedName(name);
  },
  importModule(name, from, vars) {
    const { context } = run(mustLoad(name, from), vars ?? {});
    const module = new TemplateModule();
    for (const exported of context.exported) defineKey(module, exported, context.ctx[exported]);
    return module as Record<string, unknown>;
  },
  include(name, from, vars, ignoreMissing) {
    const found = load(name, from);
    if (!found) {
      if (ignoreMissing) return '';
      throw new TemplateFailure(`TemplateNotFound: ${String(name)}`);
    }
    return run(found, vars).output;
  },
  importData(format, name, from) {
    const found = mustLoad(name, from);
    // Salt renders the imported file as a template (with the globals only) before parsing it.
    const text = run(found, {}).output;
    return host.loadData(format, text, found.source);
  },
  loadData(format, text, from) {
    if (format === 'yaml') return loadYaml(text, `load_yaml of ${from}`);
    if (format === 'json') return loadJson(text, `load_json of ${from}`);
    return text;
  },
};

/** The render context is also copied into the globals, so imports without context see it. */
function globalsFor(options: RenderOptions): Record<string, unknown> {
  const globals: Record<string, unknown> = Object.assign(Object.create(null), builtinGlobals, { salt: new SaltFunctions(options.salt) });
  for (const key of Object.keys(options.context)) globals[key] = options.context[key];
  return globals;
}

/** Renders the top-level template text; Salt appends back the trailing newline Jinja drops. */
export function renderTemplate(text: string, options: RenderOptions): string {
  const previous = session;
  session = { options, globals: globalsFor(options), depth: 0 };
  try {
    return run({ source: options.source, text }, options.context).output + (/[\r\n]$/.test(text) ? '\n' : '');
  } finally {
    session = previous;
  }
}
