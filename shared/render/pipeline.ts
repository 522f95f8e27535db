// Salt's renderer pipeline: SLS text goes through text renderers (jinja) and ends in a
// data renderer (yaml, json). A first line `#!jinja|yaml` picks the pipeline for its
// file; without one the default (the `renderer` option, jinja|yaml) applies.
import { parseYamlReportingKeys, YamlSyntaxError, type NonStringId } from '../yaml.js';
import { RenderError } from './errors.js';
import { renderJinja } from './jinja/index.js';
import type { RenderOptions } from './types.js';

export const DEFAULT_RENDERER = 'jinja|yaml';

type TextRenderer = (text: string, options: RenderOptions) => string;
type DataRenderer = (text: string, source: string) => RenderedSls;

const TEXT_RENDERERS: ReadonlyMap<string, TextRenderer> = new Map([['jinja', renderJinja]]);
const DATA_RENDERERS: ReadonlyMap<string, DataRenderer> = new Map([
  ['yaml', renderYaml],
  ['json', renderJson],
]);
const KNOWN = [...TEXT_RENDERERS.keys(), ...DATA_RENDERERS.keys()].join(', ');

export type SlsRenderOptions = RenderOptions & { defaultRenderer?: string };

/** Renders an SLS file to data (or, for a pipeline of text renderers only, to text). */
export function renderSls(text: string, options: SlsRenderOptions): unknown {
  return renderSlsReportingIds(text, options).data;
}

/** What an SLS file renders to, with the top-level keys its data renderer did not read as
 * strings (an unquoted `true:` in YAML), which the state compiler refuses as IDs. */
export interface RenderedSls {
  data: unknown;
  nonStringIds: NonStringId[];
}

/** renderSls, also reporting the top-level keys that are not strings. */
export function renderSlsReportingIds(text: string, options: SlsRenderOptions): RenderedSls {
  // Salt answers a blank file with empty high data before any renderer runs.
  if (text.trim() === '') return { data: {}, nonStringIds: [] };
  const shebang = readShebang(text);
  const pipe = shebang ?? options.defaultRenderer ?? DEFAULT_RENDERER;
  const steps = parsePipe(pipe, options.source, shebang === undefined ? undefined : 1);
  // The shebang line becomes an empty line so that later line numbers stay right.
  let value = shebang === undefined ? text : text.slice(text.search(/\r?\n|$/));
  for (const step of steps) {
    if ('data' in step) return step.data(value, options.source); // parsePipe keeps a data renderer last
    value = step.text(value, options);
  }
  return { data: value, nonStringIds: [] };
}

/** Renders a file template (file.managed `template:`): 'jinja', or '' / 'none' for the text as it is. */
export function renderText(text: string, renderer: string, options: RenderOptions): string {
  if (renderer === '' || renderer === 'none') return text;
  const render = TEXT_RENDERERS.get(renderer);
  if (!render) {
    const known = ['none', ...TEXT_RENDERERS.keys()].join(', ');
    throw new RenderError('shebang', options.source, undefined, `unknown template renderer '${renderer}'; known: ${known}`);
  }
  return render(text, options);
}

/** The pipe named on a `#!` first line; `#!/bin/sh` is a path, not a shebang, as in Salt. */
function readShebang(text: string): string | undefined {
  if (!text.startsWith('#!') || text.startsWith('#!/')) return undefined;
  return text.slice(2, text.search(/\r?\n|$/)).trim();
}

type Step = { text: TextRenderer } | { data: DataRenderer };

function parsePipe(pipe: string, source: string, line: number | undefined): Step[] {
  const names = pipe.split('|').map((name) => name.trim());
  return names.map((name, index): Step => {
    const text = TEXT_RENDERERS.get(name);
    const data = DATA_RENDERERS.get(name);
    if (!text && !data) {
      throw new RenderError('shebang', source, line, `unknown renderer '${name}' in '${pipe}'; known renderers: ${KNOWN}`);
    }
    if (index < names.length - 1 && data) {
      throw new RenderError('shebang', source, line, `'${name}' produces data, so it must be the last renderer in '${pipe}'`);
    }
    return text ? { text } : { data: data! };
  });
}

function renderYaml(text: string, source: string): RenderedSls {
  try {
    const { data, nonStringKeys } = parseYamlReportingKeys(text, source);
    return { data: emptyAsHighData(data), nonStringIds: nonStringKeys };
  } catch (err) {
    if (!(err instanceof YamlSyntaxError)) throw err;
    // YamlSyntaxError's message starts with where it is; the RenderError says that itself.
    const reason = err.message.replace(`${source}, line ${err.line}, column ${err.column}: `, '');
    throw new RenderError('yaml', source, err.line, `${reason} (column ${err.column})`, excerptAround(text, err.line));
  }
}

function renderJson(text: string, source: string): RenderedSls {
  if (text.trim() === '') return { data: {}, nonStringIds: [] };
  try {
    return { data: JSON.parse(text) as unknown, nonStringIds: [] }; // JSON keys are always strings
  } catch (err) {
    const message = (err as Error).message;
    const position = /at position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    // V8 quotes the whole document in some messages: keep only the cause.
    const reason = message.replace(/, ".*" is not valid JSON$/s, '');
    throw new RenderError('json', source, line, reason, line === undefined ? undefined : excerptAround(text, line));
  }
}

/** Salt's yaml renderer turns any empty result (nothing, '', [], false, 0) into {}. */
function emptyAsHighData(data: unknown): unknown {
  const empty =
    data === null || data === undefined || data === false || data === 0 || data === '' ||
    (Array.isArray(data) && data.length === 0);
  return empty ? {} : data;
}

const CONTEXT_LINES = 3;

/** The lines around `line` of the rendered text, numbered, the bad one marked. */
function excerptAround(text: string, line: number): string {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop(); // a final newline ends a line, it starts none
  const first = Math.max(1, line - CONTEXT_LINES);
  const last = Math.min(lines.length, line + CONTEXT_LINES);
  const width = String(last).length;
  const shown: string[] = [];
  for (let number = first; number <= last; number++) {
    const marker = number === line ? '    <======================' : '';
    shown.push(`${String(number).padStart(width)}: ${lines[number - 1]}${marker}`);
  }
  return ['---', ...(first > 1 ? ['[...]'] : []), ...shown, ...(last < lines.length ? ['[...]'] : []), '---'].join('\n');
}
