// Salt's `yaml` outputter: PyYAML safe_dump in block style, which sorts mapping keys.
import { dumpYaml } from '../yaml.js';
import type { Outputter } from './outputter.js';
import { isRecord, sortedKeys } from './sorted-keys.js';

function withSortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withSortedKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(sortedKeys(value).map((key) => [key, withSortedKeys(value[key])]));
}

export const yamlOutputter: Outputter = {
  name: 'yaml',
  format(data: unknown): string {
    return dumpYaml(withSortedKeys(data));
  },
};
