// Reconnect delays as Salt's recon_* options describe them: growing from
// recon_default to recon_max, randomized so a fleet does not return all at once.

export class Backoff {
  private attempt = 0;

  constructor(private readonly opts: { recon_default: number; recon_max: number; recon_randomize: boolean }) {}

  next(): number {
    const base = Math.min(this.opts.recon_max, this.opts.recon_default * 2 ** this.attempt);
    this.attempt++;
    return this.opts.recon_randomize ? Math.round(base * (0.5 + Math.random() * 0.5)) : base;
  }

  reset(): void {
    this.attempt = 0;
  }
}
