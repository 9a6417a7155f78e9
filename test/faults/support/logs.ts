/** Retries seen in a daemon's JSON log, per queue. */
export interface RetryStats {
  /** `job failed, will retry` lines per queue. */
  retriesByQueue: Record<string, number>;
  /** Highest `attemptsMade` logged per queue. */
  maxAttemptsByQueue: Record<string, number>;
  /** `job failed for good` lines (retries exhausted or a permanent error). */
  failedForGood: number;
}

/** Reads the worker `failed` log lines of src/queues/factory.ts. */
export function retryStats(records: readonly Record<string, unknown>[]): RetryStats {
  const out: RetryStats = { retriesByQueue: {}, maxAttemptsByQueue: {}, failedForGood: 0 };
  for (const r of records) {
    const queue = typeof r.queue === 'string' ? r.queue : '?';
    if (r.msg === 'job failed for good') out.failedForGood++;
    if (r.msg !== 'job failed, will retry' && r.msg !== 'job failed for good') continue;
    if (r.msg === 'job failed, will retry')
      out.retriesByQueue[queue] = (out.retriesByQueue[queue] ?? 0) + 1;
    const attempts = typeof r.attemptsMade === 'number' ? r.attemptsMade : 0;
    out.maxAttemptsByQueue[queue] = Math.max(out.maxAttemptsByQueue[queue] ?? 0, attempts);
  }
  return out;
}

/** Counts log records with `msg` per process, e.g. `item flagged` lines of each matcher. */
export function countMsg(records: readonly Record<string, unknown>[], msg: string): number {
  return records.filter((r) => r.msg === msg).length;
}
