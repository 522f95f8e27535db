// Errors cross a thread boundary as plain data (structured clone keeps neither the
// class nor extra fields), and become the same class with the same fields again.
import { SaltTsError, type ErrorCode } from '../../errors.js';
import { RenderError, type RenderStage } from '../errors.js';

export type TransferredError =
  | { kind: 'render'; message: string; stage: RenderStage; source: string; line: number | undefined; reason: string }
  | { kind: 'saltts'; message: string; code: ErrorCode }
  | { kind: 'plain'; message: string; name: string };

export function transferError(err: unknown): TransferredError {
  if (err instanceof RenderError) {
    const { message, stage, source, line, reason } = err;
    return { kind: 'render', message, stage, source, line, reason };
  }
  if (err instanceof SaltTsError) return { kind: 'saltts', message: err.message, code: err.code };
  if (err instanceof Error) return { kind: 'plain', message: err.message, name: err.name };
  return { kind: 'plain', message: String(err), name: 'Error' };
}

export function restoreError(data: TransferredError): Error {
  let err: Error;
  if (data.kind === 'render') err = new RenderError(data.stage, data.source, data.line, data.reason);
  else if (data.kind === 'saltts') err = new SaltTsError(data.code, data.message);
  else {
    err = new Error(data.message);
    err.name = data.name;
  }
  // The RenderError's message may carry an excerpt its constructor arguments do not.
  err.message = data.message;
  return err;
}
