// Where each process finds the broker: nats_url when set, else the master's host and nats_port.

function hostPort(host: string, port: number): string {
  return `nats://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The URL the master and the CLIs on the master's host use. */
export function masterBrokerUrl(cfg: { nats_url: string | null; interface: string; nats_port: number }): string {
  if (cfg.nats_url) return cfg.nats_url;
  const local = cfg.interface === '0.0.0.0' ? '127.0.0.1' : cfg.interface === '::' ? '::1' : cfg.interface;
  return hostPort(local, cfg.nats_port);
}

/** The URL a minion uses to reach its master's broker. */
export function minionBrokerUrl(cfg: { nats_url: string | null; master: string; nats_port: number }): string {
  return cfg.nats_url ?? hostPort(cfg.master, cfg.nats_port);
}
