// Renders reactor SLS files: from an absolute path or salt:// (the master's file_roots,
// base), through the state renderers with the event's `tag` and `data` as variables.
// The event is only ever a variable: its strings are never rendered as templates.
import { readFile } from 'node:fs/promises';
import { FileRoots } from '../../shared/fileserver/roots.js';
import { SaltTsError } from '../../shared/errors.js';
import { RenderThread } from '../../shared/render/thread/render-thread.js';
import type { MasterCall } from '../orchestrate/calls.js';
import { parseReactions, type Reaction } from './reactions.js';

const SALTENV = 'base';

export class ReactorRenderer {
  private readonly roots: FileRoots;
  private readonly thread: RenderThread;

  constructor(
    fileRoots: Record<string, string[]>,
    private readonly renderer: string,
    call: MasterCall,
  ) {
    this.roots = new FileRoots(fileRoots);
    this.thread = new RenderThread({
      call,
      // Imports name files of the state tree: salt://x.jinja or x.jinja.
      load: async (name) => {
        const url = name.startsWith('salt://') ? name : `salt://${name.replace(/^\/+/, '')}`;
        const text = await this.read(url).catch(() => null);
        return text === null ? null : { source: url, text };
      },
    });
  }

  async reactions(file: string, tag: string, data: Record<string, unknown>): Promise<Reaction[]> {
    const text = await this.read(file);
    const context = { tag, data, grains: {}, pillar: {}, opts: { renderer: this.renderer }, saltenv: SALTENV };
    const rendered = await this.thread.renderSls(text, { source: file, context, defaultRenderer: this.renderer });
    return parseReactions(rendered, file);
  }

  private async read(file: string): Promise<string> {
    if (!file.startsWith('salt://')) return readFile(file, 'utf8');
    const found = await this.roots.find(SALTENV, file.slice('salt://'.length));
    if (!found) throw new SaltTsError('SALTTS_FILE_NOT_FOUND', `reactor SLS ${file} is not in file_roots (${SALTENV})`);
    return readFile(found.realPath, 'utf8');
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}
