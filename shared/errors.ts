// The one catalogue of salt-ts errors. Every error a user can see has a stable code
// (printed by the CLIs, asserted on by tests) and a message naming what it is about.

export const ErrorCodes = {
  SALTTS_CONFIG_YAML: 'a config file is not valid YAML',
  SALTTS_CONFIG_TYPE: 'a config option has the wrong type',
  SALTTS_CONFIG_READ: 'a config file cannot be read',
  SALTTS_CONFIG_VALUE: 'a config option has an invalid value',
  SALTTS_BROKER_MISSING: 'the nats-server binary is not installed',
  SALTTS_BROKER_FAILED: 'the embedded nats-server cannot be started',
  SALTTS_MASTER_UNREACHABLE: 'the master does not answer',
  SALTTS_CREDENTIALS: 'the client credential cannot be read',
  SALTTS_BAD_TARGET: 'a target expression is malformed',
  SALTTS_BAD_ARGUMENT: 'a command-line or function argument is wrong',
  SALTTS_BAD_MESSAGE: 'a message on the wire does not match its schema',
  SALTTS_BAD_MINION_ID: 'a minion id is not usable',
  SALTTS_UNKNOWN_FUNCTION: 'an execution function does not exist',
  SALTTS_UNKNOWN_OUTPUTTER: 'an outputter does not exist',
  SALTTS_KEY_NOT_FOUND: 'no key matches the given minion id',
  SALTTS_RETURN_TOO_LARGE: 'a job return exceeds the broker payload limit',
  SALTTS_RENDER: 'a template or SLS file cannot be rendered',
  SALTTS_STATE_COMPILE: 'SLS data does not form valid states (structure, include, requisite)',
  SALTTS_FILE_NOT_FOUND: 'a salt:// file is not on the file server',
  SALTTS_FILE_PATH: 'a file server path is refused (traversal, absolute, symlink out of the root)',
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export class SaltTsError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SaltTsError';
    this.code = code;
  }

  /** The form the CLIs print: `[SALTTS_CONFIG_TYPE] /etc/salt-ts/minion: ...` */
  override toString(): string {
    return `[${this.code}] ${this.message}`;
  }
}

export function isSaltTsError(err: unknown): err is SaltTsError {
  return err instanceof SaltTsError;
}

/** A one-line description of any thrown value, for logs and job returns. */
export function describeError(err: unknown): string {
  if (err instanceof SaltTsError) return err.toString();
  if (err instanceof Error) return err.message;
  return String(err);
}
