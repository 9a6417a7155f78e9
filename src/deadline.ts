/**
 * Settles with `promise`, or rejects with `onTimeout()`'s error once `ms` have passed; the timer
 * is cleared either way, so a settled race keeps no process alive. The one timeout race of the
 * code base (Redis connects, stop deadlines, readiness probes).
 */
export async function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  onTimeout: () => Error = () => new Error(`no answer within ${ms} ms`),
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(onTimeout()), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
