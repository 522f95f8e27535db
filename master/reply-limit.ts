// The largest reply the master sends in one message: the broker's max_payload, less room
// for headers.
import type { NatsConnection } from '@nats-io/transport-node';

export function replyLimit(nc: NatsConnection): number {
  return (nc.info?.max_payload ?? 1024 * 1024) - 1024;
}
