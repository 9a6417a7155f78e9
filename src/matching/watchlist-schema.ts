import { z } from 'zod';

/**
 * A watchlist file (`config/watchlists/*.yaml`). Entities are who or what may be named in a
 * report; `kind` says which. Importers of official lists (`src/lists`) write this same format.
 */
export const entityKinds = [
  'state',
  'armed_group',
  'person',
  'organisation',
  'vessel',
  'weapon_system',
  'other',
] as const;

export const watchlistEntrySchema = z
  .object({
    /** Primary name, reported as `name` in matches. */
    name: z.string().min(1),
    kind: z.enum(entityKinds),
    /** Other names matched like the primary one. */
    aliases: z.array(z.string().min(1)).default([]),
    /** Low-quality aliases: matched only together with other evidence, never alone. */
    weakAliases: z.array(z.string().min(1)).default([]),
    /** Matchable identifiers such as IMO numbers. */
    identifiers: z.array(z.string().min(1)).default([]),
    /** Reference on the official list (`KPe.001`). */
    ref: z.string().min(1).optional(),
    /** Sanctions programme or regime (`DPRK`, `1718`). */
    program: z.string().min(1).optional(),
    /** Weapon systems: the state whose industry makes it (`Russia`), for "X-made" reasoning. */
    maker: z.string().min(1).optional(),
    /** Free tags used by rules, e.g. `sanctioned`, `supplier`, `buyer`. */
    tags: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const watchlistSchema = z
  .object({
    /** Watchlist name, reported as `list` in matches. */
    name: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lowercase letters, digits, ".", "_", "-"'),
    description: z.string().optional(),
    /** Where the list came from (file, URL, date) for imported lists. */
    source: z.string().optional(),
    /** Tags added to every entry of this list. */
    tags: z.array(z.string().min(1)).default([]),
    entries: z.array(watchlistEntrySchema),
  })
  .strict();

export type WatchlistEntry = z.output<typeof watchlistEntrySchema>;
export type Watchlist = z.output<typeof watchlistSchema>;
export type WatchlistInput = z.input<typeof watchlistSchema>;
