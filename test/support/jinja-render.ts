// Renders template text for the Jinja unit tests: a default Salt-like context, an
// in-memory loader, and a recording `salt` caller.
import type { RenderOptions, TemplateCaller, TemplateLoader } from '../../shared/render/types.js';
import { renderJinja } from '../../shared/render/jinja/index.js';

export const baseContext = {
  grains: { id: 'web01', os: 'Debian', os_family: 'Debian', roles: ['web', 'db'], num_cpus: 4 },
  pillar: { app: { port: 8080, hosts: ['a', 'b'] }, users: { alice: { uid: 1001 }, bob: { uid: 1002 } } },
  opts: { id: 'web01' },
  saltenv: 'base',
  sls: 'webapp',
};

/** A loader over named texts; `./x` resolves next to the importing file. */
export function memoryLoader(files: Record<string, string>): TemplateLoader {
  return (name, from) => {
    const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
    const path = name.startsWith('./') ? dir + name.slice(2) : name;
    return path in files ? { source: path, text: files[path] } : null;
  };
}

export function render(text: string, context: Record<string, unknown> = {}, extra: Partial<RenderOptions> = {}): string {
  return renderJinja(text, { source: 'salt://test.sls', context: { ...baseContext, ...context }, ...extra });
}

export interface RecordedCall {
  fun: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
}

/** A caller that records each call and answers with `answer(fun, args, kwargs)`. */
export function recordingCaller(answer: TemplateCaller = () => null): { salt: TemplateCaller; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  return {
    calls,
    salt: (fun, args, kwargs) => {
      calls.push({ fun, args, kwargs });
      return answer(fun, args, kwargs);
    },
  };
}
