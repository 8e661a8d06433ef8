import type { NewEvent } from '../../libs/event-store/src/envelope';
import { uuidv7 } from '../../libs/event-store/src/uuid';

/**
 * A realistic event for store benchmarks: an SLA measurement of about 300 bytes of data, with the
 * correlation, causation and actor ids a command handler puts in metadata.
 */
export function slaMeasurementEvent(i: number, metadata: NewEvent['metadata'] = commandMetadata()): NewEvent {
  return {
    type: 'SlaMeasurementRecorded',
    data: {
      contractId: 'c0190f5c2-7a3b-7cde-8f01-23456789abcd',
      slaId: `sla-${i % 12}`,
      metric: 'availability',
      period: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T23:59:59.999Z' },
      measured: 99.5 + (i % 50) / 100,
      target: 99.9,
      unit: 'percent',
      samples: 8640 + (i % 100),
      source: 'prometheus:uptime-probe-eu-west',
      breached: i % 7 === 0,
      note: 'Monthly availability measured by the agreed external probe.',
    },
    metadata,
  };
}

/** What a command handler stamps on every event of one command: request, command and actor ids. */
export function commandMetadata(): NewEvent['metadata'] {
  return { correlationId: uuidv7(), causationId: uuidv7(), actorId: 'user-0190f5c2-contract-manager' };
}

/**
 * The events of one append. By default they share their metadata, as the events of one command do
 * on the write path; `distinctMetadata` gives every event its own ids (the store's worst case).
 */
export function slaMeasurementBatch(size: number, start: number, distinctMetadata = false): NewEvent[] {
  const shared = commandMetadata();
  return Array.from({ length: size }, (_, k) => slaMeasurementEvent(start + k, distinctMetadata ? commandMetadata() : { ...shared }));
}
