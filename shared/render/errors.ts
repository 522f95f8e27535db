// A template or data file that cannot be rendered: names the file, the line and the cause.
import { SaltTsError } from '../errors.js';

export type RenderStage = 'jinja' | 'yaml' | 'json' | 'shebang';

export class RenderError extends SaltTsError {
  readonly source: string;
  readonly line: number | undefined;
  readonly stage: RenderStage;
  readonly reason: string;

  constructor(stage: RenderStage, source: string, line: number | undefined, reason: string, excerpt?: string) {
    const where = line === undefined ? source : `${source}, line ${line}`;
    super('SALTTS_RENDER', `Rendering SLS '${where}' failed (${stage}): ${reason}${excerpt ? `\n${excerpt}` : ''}`);
    this.name = 'RenderError';
    this.source = source;
    this.line = line;
    this.stage = stage;
    this.reason = reason;
  }
}
