// Salt's `raw` outputter: str() of the data, so a string prints as is and
// anything else as its Python repr.
import type { Outputter } from './outputter.js';
import { pyRepr } from './pyrepr.js';

export const rawOutputter: Outputter = {
  name: 'raw',
  format(data: unknown): string {
    return typeof data === 'string' ? data : pyRepr(data);
  },
};
