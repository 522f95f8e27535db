// Salt's Jinja renderer on nunjucks: the one entry point of shared/render/jinja.
import { RenderError } from '../errors.js';
import type { RenderOptions } from '../types.js';
import { renderTemplate } from './engine.js';
import { TemplateFailure } from './failure.js';

/** Renders Jinja text as Salt's Jinja renderer would; throws RenderError('jinja', source, line, reason). */
export function renderJinja(text: string, options: RenderOptions): string {
  try {
    return renderTemplate(text, options);
  } catch (err) {
    if (err instanceof RenderError) throw err;
    if (err instanceof TemplateFailure) throw new RenderError('jinja', err.source ?? options.source, err.line, err.reason);
    // Anything else is a fault of this layer; still name the template rather than crash the caller.
    throw new RenderError('jinja', options.source, undefined, err instanceof Error ? `${err.name}: ${err.message}` : String(err));
  }
}
