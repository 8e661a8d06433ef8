/**
 * recordedAt must never go backwards along the log, or "as known at" replays would include an event
 * while excluding an earlier one. Adapters stamp recordedAt through this: the wall clock, or the last
 * stamp when the clock stepped back.
 */
export class RecordClock {
  private last = '';
  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Seeds the floor from the store's last recordedAt (on open). */
  observe(recordedAt: string | null | undefined): void {
    if (recordedAt && recordedAt > this.last) this.last = recordedAt;
  }

  stamp(): string {
    const iso = this.now().toISOString();
    if (iso > this.last) this.last = iso;
    return this.last;
  }
}
