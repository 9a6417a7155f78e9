import { z } from 'zod';

/**
 * A signal names what must be found: a vocabulary group (`arms`), or watchlist matches by
 * `kind:weapon_system`, `tag:sanctioned`, `list:un-sanctioned-states`, `program:DPRK`, `entity`
 * (any), `origin` (a state + made/built/origin), or `category:arms_transfer` (another rule fired).
 * A list of signals in place of one means any of them.
 */
const signal = z.string().min(1);
const signalOrAny = z.union([signal, z.array(signal).min(1)]);

export const clauseSchema = z
  .object({
    /** Shown in reasons. */
    name: z.string().min(1),
    /** Every one of these must be found within `within`. */
    all: z.array(signalOrAny).min(1),
    /** `sentence`, `item`, or a number of tokens between the first signal and each other one. @defaultValue sentence */
    within: z
      .union([z.enum(['sentence', 'item']), z.number().int().min(1).max(200)])
      .default('sentence'),
    /** Each of these must be found somewhere in the item. @defaultValue [] */
    context: z.array(signalOrAny).default([]),
    /** None of these may be in the sentences that fired. @defaultValue [] */
    none: z.array(signal).default([]),
    /** None of these may be anywhere in the item. @defaultValue [] */
    noneInItem: z.array(signal).default([]),
    /** Score when the clause fires. */
    weight: z.number().min(0).max(1),
    /** Human reason; defaults to the clause name. */
    reason: z.string().optional(),
  })
  .strict();

export const boostSchema = z
  .object({
    /** Any of these signals, in the sentences that fired (`sentence`) or anywhere (`item`). */
    any: z.array(signal).min(1),
    /** @defaultValue item */
    within: z.enum(['sentence', 'item']).default('item'),
    weight: z.number().min(0).max(1),
    reason: z.string().optional(),
    /** Quote the sentences holding these signals as evidence too. @defaultValue false */
    evidence: z.boolean().default(false),
  })
  .strict();

export const ruleSchema = z
  .object({
    /** Category the rule produces; a rule with a built-in category's name replaces it. */
    category: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lowercase letters, digits and "_"'),
    description: z.string().optional(),
    /** Phrases added to vocabulary groups (new groups or built-in ones). @defaultValue {} */
    vocabulary: z
      .record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.array(z.string().min(1)))
      .default({}),
    clauses: z.array(clauseSchema).default([]),
    boosts: z.array(boostSchema).default([]),
    /** Turns a built-in category off. @defaultValue false */
    disabled: z.boolean().default(false),
  })
  .strict();

/** A rule file holds one rule, a list of rules, or `{ rules: [...] }`. */
export const ruleFileSchema = z.union([
  ruleSchema.transform((r) => [r]),
  z.array(ruleSchema),
  z
    .object({ rules: z.array(ruleSchema) })
    .strict()
    .transform((f) => f.rules),
]);

export type Clause = z.output<typeof clauseSchema>;
export type Rule = z.output<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleSchema>;

/** Parses rule files' contents; throws a ZodError naming the bad path. */
export function parseRules(contents: readonly unknown[]): Rule[] {
  return contents.flatMap((c) => ruleFileSchema.parse(c));
}
