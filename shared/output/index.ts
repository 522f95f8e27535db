// The outputters `--out` can name, looked up by their Salt names.
import { SaltTsError } from '../errors.js';
import { highstateOutputter } from './highstate.js';
import { jsonOutputter } from './json.js';
import { nestedOutputter } from './nested.js';
import type { Outputter } from './outputter.js';
import { quietOutputter } from './quiet.js';
import { rawOutputter } from './raw.js';
import { txtOutputter } from './txt.js';
import { yamlOutputter } from './yaml.js';

export type { HighstateOptions } from './highstate.js';
export type { OutputOptions, Outputter } from './outputter.js';

const OUTPUTTERS: readonly Outputter[] = [
  nestedOutputter,
  jsonOutputter,
  yamlOutputter,
  txtOutputter,
  rawOutputter,
  quietOutputter,
  highstateOutputter,
];

export function outputterNames(): string[] {
  return OUTPUTTERS.map((outputter) => outputter.name);
}

export function getOutputter(name: string): Outputter {
  const outputter = OUTPUTTERS.find((candidate) => candidate.name === name);
  if (!outputter) {
    throw new SaltTsError(
      'SALTTS_UNKNOWN_OUTPUTTER',
      `unknown outputter '${name}'; known outputters: ${outputterNames().join(', ')}`,
    );
  }
  return outputter;
}
