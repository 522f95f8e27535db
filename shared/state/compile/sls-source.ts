// Where the compiler gets SLS data from: the renderer (Jinja, YAML...) lives behind this
// interface, so the compiler sees data only, and tests can feed it plain files.

/** A mapping key the renderer read as something other than a string (an unquoted
 * `true:`, `1.5:` or `~:`), which Salt refuses as a state ID. */
export interface NonStringId {
  /** The key as it appears in `data` ('true', '1.5'). */
  key: string;
  /** Python's name for its type: 'bool', 'int', 'float' or 'NoneType'. */
  type: string;
}

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
