// The one error the Jinja layer throws internally: a reason, plus the template and line
// once they are known. renderJinja turns it into a RenderError.
import { Undefined } from './values.js';

export class TemplateFailure extends Error {
  source: string | undefined;
  line: number | undefined;

  constructor(readonly reason: string, line?: number, source?: string) {
    super(reason);
    this.name = 'TemplateFailure';
    this.line = line;
    this.source = source;
  }
}

/** Jinja's UndefinedError for using a StrictUndefined value. */
function undefinedError(value: Undefined): TemplateFailure {
  return new TemplateFailure(`UndefinedError: ${value.hint}`);
}

/** Throws when a value is Undefined; returns it otherwise. */
export function defined<T>(value: T | Undefined): T {
  if (value instanceof Undefined) throw undefinedError(value);
  return value;
}

export function typeError(message: string): TemplateFailure {
  return new TemplateFailure(`TypeError: ${message}`);
}

export function valueError(message: string): TemplateFailure {
  return new TemplateFailure(`ValueError: ${message}`);
}
