// What the template renderers need from their host: a synchronous way to call
// execution functions (salt['mod.fn'](...)) and to read other templates by name.

/** Calls an execution function from inside a template; blocks until it answers. */
export type TemplateCaller = (fun: string, args: unknown[], kwargs: Record<string, unknown>) => unknown;

/** A template found by name: where it came from (for errors and tpldir) and its text. */
export interface LoadedTemplate {
  source: string;
  text: string;
}

/** Resolves a name used by import/include/import_yaml, relative to the state tree
 * (`./x` relative to the template `from`); null when there is no such file. */
export type TemplateLoader = (name: string, from: string) => LoadedTemplate | null;

export interface RenderOptions {
  /** Names the template in errors, e.g. salt://webapp/init.sls or a local path. */
  source: string;
  /** Template variables: grains, pillar, opts, saltenv, sls, tpldir, slspath and any others. */
  context: Record<string, unknown>;
  salt?: TemplateCaller;
  loader?: TemplateLoader;
}
