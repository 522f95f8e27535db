// The contract every outputter (`--out NAME`) fulfils.

export interface OutputOptions {
  color: boolean;
  indent?: number;
}

export interface Outputter {
  readonly name: string;
  format(data: unknown, opts: OutputOptions): string;
}
