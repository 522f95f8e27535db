// Where the compiler gets SLS data from: the renderer (Jinja, YAML...) lives behind this
// interface, so the compiler sees data only, and tests can feed it plain files.
import type { NonStringId } from '../../yaml.js';

export type { NonStringId };

export interface LoadedSls {
  /** The rendered data (a mapping of IDs for a valid SLS). */
  data: unknown;
  /** The file it came from, e.g. salt://webapp/init.sls; a relative include from a
   * `.../init.sls` file is resolved against its package, as in Salt. */
  source: string;
  /** Top-level keys of `data` that were not strings in the rendered text. */
  nonStringIds?: NonStringId[];
}

export interface SlsSource {
  /** The rendered SLS `sls` (dotted, e.g. 'webapp.config': webapp/config.sls or
   * webapp/config/init.sls) in `saltenv`; null when it does not exist. Throws a
   * RenderError when the file cannot be rendered. */
  load(sls: string, saltenv: string): Promise<LoadedSls | null>;
}
