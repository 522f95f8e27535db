// The contract every outputter (`--out NAME`) fulfils.

export interface OutputOptions {
  color: boolean;
  indent?: number;
  /** Salt's state_output for state runs: full (default), terse, mixed, changes. */
  stateOutput?: string;
  /** Salt's state_verbose: false hides states that succeeded without changes. */
  stateVerbose?: boolean;
}

export interface Outputter {
  readonly name: string;
  format(data: unknown, opts: OutputOptions): string;
}
