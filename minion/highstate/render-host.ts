// What templates rendered for a job reach: the job's own execution functions and the
// files of the state tree.
import type { RenderHost } from '../../shared/render/thread/render-thread.js';
import type { ExecContext } from '../modules/types.js';
import { readTreeFile, templateUrl } from './tree-files.js';

export function jobRenderHost(ctx: ExecContext, saltenv: string): RenderHost {
  return {
    call: (fun, args, kwargs) => ctx.call(fun, args, kwargs),
    load: async (name, from) => {
      const file = await readTreeFile(ctx, templateUrl(name, from), saltenv);
      return file && { source: file.url, text: file.text };
    },
  };
}
