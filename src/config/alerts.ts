import { z } from 'zod';
import type { duration } from './schema.js';

/** `alerts`: flood control and how long alerts are kept; `duration` is schema.ts's own. */
export function alertsSchema(durationOf: typeof duration) {
  return z
    .object({
      /**
       * Flood control: of one feed's poll, the first `burst` alerts on a channel go out one by
       * one and the rest as one summary message per channel (each alert still in the dashboard
       * and `alerts recent`). `0` turns flood control off. @defaultValue 20
       */
      burst: z.number().int().min(0).default(20),
      /** How long the dashboard and `alerts recent` keep an alert. @defaultValue 30d */
      retention: durationOf(60_000, '1m').default('30d'),
    })
    .strict()
    .default({});
}
