// A state tree on disk for compiler tests: files under <root>/<saltenv>/, read the way
// the YAML renderer reads them (no Jinja), behind the compiler's SlsSource interface.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isScalar, parseDocument } from 'yaml';
import { RenderError } from '../../shared/render/errors.js';
import type { LoadedSls, NonStringId, SlsSource } from '../../shared/state/compile/index.js';
import { parseYaml, YamlSyntaxError } from '../../shared/yaml.js';

export interface SlsFiles {
  root: string;
  source: SlsSource;
  /** How many times each `saltenv:sls` was loaded. */
  loads: Map<string, number>;
}

const PYTHON_TYPES: Record<string, string> = { boolean: 'bool', number: 'float', object: 'NoneType' };

/** Top-level keys YAML reads as something other than a string. */
function nonStringIds(text: string): NonStringId[] {
  const doc = parseDocument(text, { version: '1.1' });
  const map = doc.contents;
  if (!map || !('items' in map)) return [];
  return (map.items as Array<{ key: unknown }>).flatMap(({ key }) => {
    if (!isScalar(key) || typeof key.value === 'string') return [];
    const type = Number.isInteger(key.value) ? 'int' : PYTHON_TYPES[typeof key.value] ?? typeof key.value;
    return [{ key: String(key.value), type }];
  });
}

/** Writes `files` ({'base/webapp/init.sls': text}) to a fresh directory. */
export function slsFiles(files: Record<string, string>): SlsFiles {
  const root = mkdtempSync(join(tmpdir(), 'salt-ts-sls-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const loads = new Map<string, number>();
  const source: SlsSource = {
    async load(sls: string, saltenv: string): Promise<LoadedSls | null> {
      loads.set(`${saltenv}:${sls}`, (loads.get(`${saltenv}:${sls}`) ?? 0) + 1);
      const base = sls.replace(/\./g, '/');
      const relative = [`${base}.sls`, `${base}/init.sls`].find((path) => existsSync(join(root, saltenv, path)));
      if (!relative) return null;
      const url = `salt://${relative}`;
      const text = readFileSync(join(root, saltenv, relative), 'utf8');
      try {
        return { data: parseYaml(text, url), source: url, nonStringIds: nonStringIds(text) };
      } catch (err) {
        if (!(err instanceof YamlSyntaxError)) throw err;
        throw new RenderError('yaml', url, err.line, err.message);
      }
    },
  };
  return { root, source, loads };
}
