// Loads DIR/master or DIR/minion the way Salt does: defaults for what is missing,
// a typed error for what is wrong, a warning for what is unknown, paths under root_dir.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SaltTsError, type ErrorCode } from '../errors.js';
import { parseYaml, YamlSyntaxError } from '../yaml.js';
import { MASTER_OPTIONS, MINION_OPTIONS, type MasterOptions, type MinionOptions, type OptionSpec, type OptionValues } from './schema.js';

/** Where the daemons and CLIs look for `master` / `minion` without `-c`. */
export const DEFAULT_CONFIG_DIR = '/etc/salt-ts';

export interface ConfigLocation {
  /** Absolute path of the config directory. */
  config_dir: string;
  /** Absolute path of the config file (which may not exist). */
  config_file: string;
}

export interface MasterConfig extends MasterOptions, ConfigLocation {}
export interface MinionConfig extends MinionOptions, ConfigLocation {}

export function loadMasterConfig(dir: string, warn: (msg: string) => void): MasterConfig {
  return loadConfig(dir, 'master', MASTER_OPTIONS, warn);
}

export function loadMinionConfig(dir: string, warn: (msg: string) => void): MinionConfig {
  return loadConfig(dir, 'minion', MINION_OPTIONS, warn);
}

function loadConfig<Specs extends Record<string, OptionSpec>>(
  dir: string,
  fileName: string,
  specs: Specs,
  warn: (msg: string) => void,
): OptionValues<Specs> & ConfigLocation {
  const configDir = path.resolve(dir);
  const configFile = path.join(configDir, fileName);
  const fromFile = readConfigFile(configFile);
  for (const name of Object.keys(fromFile)) {
    if (!Object.hasOwn(specs, name)) warn(`${configFile}: unknown option '${name}' (ignored)`);
  }
  const options: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = Object.hasOwn(fromFile, name)
      ? validateOption(configFile, name, spec, fromFile[name])
      : structuredClone(spec.default);
  }
  applyRootDir(options, specs, configDir);
  // Every option was validated against its spec above, so the record has the derived shape.
  return { ...(options as OptionValues<Specs>), config_dir: configDir, config_file: configFile };
}

/** The file's top-level mapping; a missing or empty file has no options. */
function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return {};
    throw new SaltTsError('SALTTS_CONFIG_READ', `${file}: cannot be read (${code ?? String(err)})`, { cause: err });
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text, file);
  } catch (err) {
    if (err instanceof YamlSyntaxError) throw new SaltTsError('SALTTS_CONFIG_YAML', err.message, { cause: err });
    throw err;
  }
  if (parsed === null) return {};
  if (!isMapping(parsed)) {
    throw new SaltTsError('SALTTS_CONFIG_TYPE', `${file}: must be a mapping of option names to values, got ${describeValue(parsed)}`);
  }
  return parsed;
}

function validateOption(file: string, name: string, spec: OptionSpec, value: unknown): unknown {
  if (value === null && spec.nullable) return null;
  const rejection = (code: ErrorCode) =>
    new SaltTsError(code, `${file}: option '${name}' must be ${describeSpec(spec)}, got ${describeValue(value)}`);
  const typed = asSpecType(spec, value);
  if (typed === undefined) throw rejection('SALTTS_CONFIG_TYPE');
  if (!isWithinBounds(spec, typed)) throw rejection('SALTTS_CONFIG_VALUE');
  return typed;
}

/** The value as the spec's type, or undefined if it is of another type. */
function asSpecType(spec: OptionSpec, value: unknown): unknown {
  switch (spec.type) {
    case 'string':
    case 'enum':
      return typeof value === 'string' ? value : undefined;
    case 'integer':
      return Number.isInteger(value) ? value : undefined;
    case 'number':
      return typeof value === 'number' && !Number.isNaN(value) ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'list':
      return isStringList(value) ? value : undefined;
    case 'mappings':
      return Array.isArray(value) && value.every(isMapping) ? value : undefined;
    case 'dict':
      return isMapping(value) ? value : undefined;
    case 'roots':
      return asRoots(value);
  }
}

/** Salt accepts a single directory where a list is expected in file_roots-like options. */
function asRoots(value: unknown): Record<string, string[]> | undefined {
  if (!isMapping(value)) return undefined;
  const roots: Record<string, string[]> = {};
  for (const [env, dirs] of Object.entries(value)) {
    const list = typeof dirs === 'string' ? [dirs] : dirs;
    if (!isStringList(list)) return undefined;
    roots[env] = list;
  }
  return roots;
}

function isWithinBounds(spec: OptionSpec, value: unknown): boolean {
  switch (spec.type) {
    case 'integer':
    case 'number': {
      const max = spec.type === 'integer' ? spec.max : undefined;
      const n = value as number;
      return (spec.min === undefined || n >= spec.min) && (max === undefined || n <= max);
    }
    case 'enum':
      return spec.values.includes(value as string);
    default:
      return true;
  }
}

function describeSpec(spec: OptionSpec): string {
  const expected = describeSpecType(spec);
  return spec.nullable ? `${expected} or null` : expected;
}

function describeSpecType(spec: OptionSpec): string {
  switch (spec.type) {
    case 'string':
      return 'a string';
    case 'integer':
      if (spec.min !== undefined && spec.max !== undefined) return `an integer from ${spec.min} to ${spec.max}`;
      return spec.min !== undefined ? `an integer >= ${spec.min}` : 'an integer';
    case 'number':
      return spec.min !== undefined ? `a number >= ${spec.min}` : 'a number';
    case 'boolean':
      return 'a boolean (true or false)';
    case 'list':
      return 'a list of strings';
    case 'mappings':
      return 'a list of mappings';
    case 'dict':
      return 'a mapping';
    case 'roots':
      return 'a mapping of environment names to lists of directories';
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  if (typeof value === 'number') return `${Number.isInteger(value) ? 'integer' : 'float'} ${value}`;
  if (typeof value === 'boolean') return `boolean ${value}`;
  return `${Array.isArray(value) ? 'list' : 'mapping'} ${preview(value)}`;
}

function preview(value: unknown): string {
  const limit = 60;
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch {
    return '(not printable)'; // YAML aliases can make a structure circular
  }
  return json.length > limit ? `${json.slice(0, limit)}...` : json;
}

/** root_dir becomes absolute; path options and file_roots-like entries resolve under it. */
function applyRootDir(options: Record<string, unknown>, specs: Record<string, OptionSpec>, configDir: string): void {
  const rootDir = path.resolve(configDir, options.root_dir as string);
  options.root_dir = rootDir;
  for (const [name, spec] of Object.entries(specs)) {
    const value = options[name];
    if (spec.path && typeof value === 'string') options[name] = underRootDir(rootDir, value);
    if (spec.type === 'roots') {
      const roots = value as Record<string, string[]>;
      for (const env of Object.keys(roots)) roots[env] = roots[env].map((dir) => path.resolve(rootDir, dir));
    }
  }
}

/** Salt's prepend_root_dir: /etc/x under root_dir /tmp/m1 is /tmp/m1/etc/x. */
function underRootDir(rootDir: string, dir: string): string {
  if (!path.isAbsolute(dir)) return path.resolve(rootDir, dir);
  const relative = path.relative(rootDir, dir);
  const alreadyUnder = relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
  return alreadyUnder ? path.normalize(dir) : path.join(rootDir, dir);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
