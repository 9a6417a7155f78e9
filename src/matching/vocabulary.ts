/**
 * Built-in vocabularies: named groups of phrases that rules refer to, one data file a language in
 * `vocabulary/` (validated when loaded), so a linguist edits words, not code. A phrase is matched on
 * token boundaries after normalisation (case, diacritics, hyphens and `152mm`/`152 mm` folded).
 * `{a,b}` expands to alternatives; `#` stands for any number, `#res` for a number that can be a
 * Security Council resolution (600–2999).
 */
import { z } from 'zod';
import { Group } from './groups.js';
import en from './vocabulary/en.json' with { type: 'json' };
import ar from './vocabulary/ar.json' with { type: 'json' };
import de from './vocabulary/de.json' with { type: 'json' };
import es from './vocabulary/es.json' with { type: 'json' };
import fr from './vocabulary/fr.json' with { type: 'json' };
import ko from './vocabulary/ko.json' with { type: 'json' };
import ru from './vocabulary/ru.json' with { type: 'json' };
import uk from './vocabulary/uk.json' with { type: 'json' };
import zh from './vocabulary/zh.json' with { type: 'json' };

export type Vocabulary = Record<string, readonly string[]>;

/** Expands `suppl{y,ies,ied}` into `supply supplies supplied`; several braces multiply. */
export function expandPhrase(phrase: string): string[] {
  const m = /\{([^{}]*)\}/.exec(phrase);
  if (!m) return [phrase];
  const head = phrase.slice(0, m.index);
  const tail = phrase.slice(m.index + m[0].length);
  return m[1].split(',').flatMap((alt) => expandPhrase(head + alt + tail));
}

/** Demonym or state name + one of these: the weapon came from that state (`North Korean-made`). */
export const ORIGIN_SUFFIXES = [
  'made',
  'built',
  'manufactured',
  'produced',
  'designed',
  'supplied',
  'origin',
  '制造',
  '製造',
  '生产',
  '生產',
  '研制',
  '研製',
];

/**
 * Words before a state's name saying the weapon was made there (`виготовлену в КНДР`,
 * `fabriqués en Iran`, `hergestellt in Nordkorea`, `صنع في إيران`); normalised like item text.
 */
export const ORIGIN_PREFIXES = [
  'made in',
  '{произведен,изготовлен,сделан,выпущен}{,а,о,ы,ный,ная,ное,ные,ную,ного,ных,ной} в',
  '{вироблен,виготовлен,зроблен}{,а,о,і,ий,а,е,у,ого,их,ої} в',
  '{fabrique,fabriquee,fabriques,fabriquees,produit,produits,produite,produites,concu,concus} en',
  '{fabricado,fabricada,fabricados,fabricadas,producido,producida,producidos,producidas} en',
  '{hergestellt,gebaut,produziert,gefertigt} in',
  '{صنع,صنعت,مصنوع,مصنوعه,مصنعه} في',
  'de fabrication',
  'de fabricacion',
];

const groupSchema = z.union([
  z.array(z.string().min(1)),
  z.object({ about: z.string().optional(), phrases: z.array(z.string().min(1)) }).strict(),
]);

/** A vocabulary file: `{ language, groups: { arms: { about, phrases } } }`, or groups at the top. */
export const vocabularyFileSchema = z.union([
  z.object({ language: z.string().min(2), groups: z.record(z.string(), groupSchema) }).strict(),
  z.record(z.string(), groupSchema),
]);

const GROUP_NAMES = new Set<string>(Object.values(Group));

/** Phrases by group from one vocabulary file; throws naming the file and the bad group. */
export function readVocabularyFile(name: string, data: unknown): Vocabulary {
  const parsed = vocabularyFileSchema.parse(data);
  const groups = 'groups' in parsed && !Array.isArray(parsed.groups) ? parsed.groups : parsed;
  const out: Record<string, string[]> = {};
  for (const [group, value] of Object.entries(groups as Record<string, unknown>)) {
    if (group === 'language') continue;
    if (!GROUP_NAMES.has(group)) throw new Error(`vocabulary ${name}: unknown group "${group}"`);
    const v = groupSchema.parse(value);
    out[group] = Array.isArray(v) ? v : v.phrases;
  }
  return out;
}

const FILES: Record<string, unknown> = { en, ar, de, es, fr, ko, ru, uk, zh };

/** Every language's phrases, merged by group. */
export const BUILTIN_VOCABULARY: Vocabulary = (() => {
  const merged: Record<string, string[]> = {};
  for (const [name, data] of Object.entries(FILES))
    for (const [g, phrases] of Object.entries(readVocabularyFile(name, data)))
      (merged[g] ??= []).push(...phrases);
  return merged;
})();
