// Python's str() of an argument value, for modules that write or run the values they get.
import { pyRepr } from './pyrepr.js';

/** A string as it is, anything else as Python prints it (True, None, [1, 2]). */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}
