/**
 * Capped exponential backoff with jitter (half fixed, half random), and at least any Retry-After
 * the other side asked for (itself capped by `maxRetryAfterMs`). Feed polls and job retries both
 * use it.
 */
export function backoffDelay(
  failures: number,
  baseMs: number,
  maxMs: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
  maxRetryAfterMs = Number.POSITIVE_INFINITY,
): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  const jittered = Math.round(exp / 2 + random() * (exp / 2));
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, maxRetryAfterMs));
}
