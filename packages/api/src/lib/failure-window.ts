/**
 * Counts failures per key over a sliding minute, in this process. Used where only failures may
 * cost the caller anything: a request that succeeds never looks at it, so nobody can lock a
 * legitimate caller out by failing in its name. Bounded: past `maxKeys` the oldest keys are dropped.
 */
export class FailureWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs = 60_000,
    private readonly maxKeys = 50_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.hits.set(key, list);
    else this.hits.delete(key);
    return list;
  }

  /** Milliseconds until the key may fail again, or 0 when it is under its limit. */
  retryAfterMs(key: string, now = Date.now()): number {
    const list = this.recent(key, now);
    return list.length < this.max ? 0 : this.windowMs - (now - list[list.length - this.max]!);
  }

  record(key: string, now = Date.now()) {
    const list = this.recent(key, now);
    list.push(now);
    this.hits.delete(key);
    this.hits.set(key, list);
    while (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
  }
}
