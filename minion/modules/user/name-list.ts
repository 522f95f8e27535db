// Names given as a YAML list or as one comma-separated string, as Salt accepts groups and members.
import { pyStr } from '../../../shared/output/py-str.js';

export function nameList(value: unknown): string[] {
  if (value == null || value === '') return [];
  const items = Array.isArray(value) ? value.map(pyStr) : pyStr(value).split(',');
  return items.map((name) => name.trim()).filter(Boolean);
}
