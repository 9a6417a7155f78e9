import { z } from 'zod';

/** `routes[]`: which alerts go to which channels. */
export const routeSchema = z
  .object({
    categories: z.array(z.string().min(1)).min(1),
    channels: z.array(z.string().min(1)).min(1),
    /** @defaultValue 0 */
    minScore: z.number().min(0).max(1).default(0),
    /** Only alerts with a match from one of these watchlists. @defaultValue any */
    watchlists: z.array(z.string().min(1)).optional(),
    /** Only items of these feeds (names). @defaultValue any */
    feeds: z.array(z.string().min(1)).optional(),
    /** Only items of feeds carrying one of these tags. @defaultValue any */
    tags: z.array(z.string().min(1)).optional(),
    /** Only items in one of these languages (ISO 639-1, e.g. `ko`). @defaultValue any */
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639-1 code in lower case, e.g. ko'))
      .optional(),
  })
  .strict();
