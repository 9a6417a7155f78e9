import type { Watchlist } from './watchlist-schema.js';
import { PhraseIndex } from './phrase-index.js';
import { phraseTokens } from './text.js';
import { builtinVocabularyTokens, vocabTokens } from './vocabulary-tokens.js';
import { ORIGIN_PREFIXES, ORIGIN_SUFFIXES, expandPhrase } from './vocabulary.js';
import { REGIMES } from './regimes.js';
import { BUILTIN_RULES } from './builtin-rules.js';
import { Group } from './groups.js';
import { koreanNameVariants } from './romanisation.js';
import { cyrillicDesignations, isAmbiguousDesignation } from './designations.js';
import { parseRules, ruleSchema, type Rule } from './rule-schema.js';

export interface EntityInfo {
  name: string;
  list: string;
  kind: string;
  ref?: string;
  program?: string;
  /** Weapon systems: the state whose industry makes it. */
  maker?: string;
  /** Signals this entity's matches raise: `entity`, `kind:…`, `tag:…`, `list:…`, `program:…`. */
  signals: string[];
}

export type Payload =
  | {
      type: 'entity';
      entity: number;
      weak: boolean;
      /** A state's name that can take an origin word ("Iranian-made", «произведено в Иране»). */
      origin?: boolean;
    }
  | { type: 'term'; group: string };

export interface Compiled {
  index: PhraseIndex<Payload>;
  entities: EntityInfo[];
  rules: Rule[];
  /** Groups whose hits cancel hits of other groups lying inside them. */
  shadowing: ReadonlySet<string>;
  /** Shadowing groups that cancel only the named groups (oil "deliveries" are no transfer, but still oil). */
  shadowsOnly: ReadonlyMap<string, ReadonlySet<string>>;
}

// Origin words are indexed once; the engine pairs them with a state's name beside them, rather
// than every name being indexed with every language's origin words.
const ORIGIN_SUFFIX_TOKENS = ORIGIN_SUFFIXES.map(phraseTokens);
const ORIGIN_PREFIX_TOKENS = ORIGIN_PREFIXES.flatMap(expandPhrase).map(phraseTokens);

/** Single-token names that are ordinary words: never matched alone. */
const GENERIC_WORDS = new Set([
  'the',
  'and',
  'hope',
  'victory',
  'star',
  'ocean',
  'sea',
  'sun',
  'peace',
  'freedom',
  'union',
  'new',
  'best',
  'happy',
  'glory',
  'unity',
  'light',
  'power',
  'grace',
  'north',
  'south',
  'east',
  'west',
  'general',
  'group',
  'company',
  'trading',
  'international',
  'global',
  'national',
  'ltd',
  'inc',
  'party',
  'front',
  'army',
  'force',
  'forces',
  'state',
  'al',
  'abu',
  'bin',
  'ibn',
  'van',
  'de',
]);

/** Entries matched only with support: weak aliases, short single tokens and ordinary words. */
function isWeakName(tokens: string[], written: string): boolean {
  if (tokens.length !== 1) return false;
  const t = tokens[0];
  // Three letters of an alphabet say little (ADF, Chad); two Hangul syllables name a state (북한).
  // Judged as written: a stem cut short by inflection (Ливия → лив) is still a full name.
  const short =
    written.replace(/[^\p{L}\p{N}]/gu, '').length <= 3 &&
    /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\d]+$/u.test(t);
  return short || GENERIC_WORDS.has(t) || /^\d+$/.test(t);
}

export function compile(
  watchlists: readonly Watchlist[],
  ruleContents: readonly unknown[],
): Compiled {
  const index = new PhraseIndex<Payload>();
  const entities: EntityInfo[] = [];

  for (const list of watchlists) {
    for (const entry of list.entries) {
      const id = entities.length;
      const tags = [...new Set([...list.tags, ...entry.tags])];
      entities.push({
        name: entry.name,
        list: list.name,
        kind: entry.kind,
        ref: entry.ref,
        program: entry.program,
        ...(entry.maker ? { maker: entry.maker.trim() } : {}),
        signals: [
          'entity',
          `kind:${entry.kind}`,
          `list:${list.name}`,
          ...tags.map((t) => `tag:${t}`),
          ...(entry.program ? [`program:${entry.program}`] : []),
        ],
      });
      const seen = new Set<string>();
      const addName = (name: string, forcedWeak: boolean): void => {
        const toks = phraseTokens(name);
        const key = toks.join(' ');
        if (toks.length === 0 || seen.has(key)) return;
        seen.add(key);
        index.add(toks, {
          type: 'entity',
          entity: id,
          weak: forcedWeak || isWeakName(toks, name),
          ...(entry.kind === 'state' && !forcedWeak ? { origin: true } : {}),
        });
      };
      addName(entry.name, false);
      for (const a of entry.aliases) addName(a, false);
      // DPRK names reach the wires in two romanisations and with the given name run together.
      if (entry.kind === 'person' && entry.program === 'DPRK') {
        for (const n of [entry.name, ...entry.aliases])
          if (/^[A-Za-z\s-]+$/.test(n)) for (const v of koreanNameVariants(n)) addName(v, false);
      }
      for (const i of entry.identifiers) addName(i, false);
      for (const w of entry.weakAliases) addName(w, true);
      if (entry.kind === 'weapon_system') {
        for (const n of [entry.name, ...entry.aliases])
          for (const c of cyrillicDesignations(n)) addName(c, isAmbiguousDesignation(c));
      }
    }
  }

  const rules = mergeRules(ruleContents);
  const builtin = builtinVocabularyTokens();
  for (const [group, { phrases }] of builtin)
    for (const toks of phrases) index.add(toks, { type: 'term', group });
  // Rule files' own vocabulary: expanded and tokenised on each compile, as files change.
  const doneByGroup = new Map<string, Set<string>>();
  for (const r of rules) {
    for (const [group, phrases] of Object.entries(r.vocabulary)) {
      let done = doneByGroup.get(group);
      if (!done) doneByGroup.set(group, (done = new Set(builtin.get(group)?.keys)));
      for (const p of phrases) {
        for (const variant of expandPhrase(p)) {
          const toks = vocabTokens(variant);
          const key = toks.join(' ');
          if (done.has(key)) continue;
          done.add(key);
          index.add(toks, { type: 'term', group });
        }
      }
    }
  }

  for (const toks of ORIGIN_SUFFIX_TOKENS)
    index.add(toks, { type: 'term', group: Group.OriginSuffix });
  for (const toks of ORIGIN_PREFIX_TOKENS)
    index.add(toks, { type: 'term', group: Group.OriginPrefix });

  // A regime's resolution by number, in the forms each language writes a numbered resolution
  // (`resolution 1718`, `резолюции 1718`, `결의 1718 호`, `第 1718 号决议`, `القرار رقم 1718`).
  const numbered = [
    ...(builtin.get(Group.NumberedResolution)?.phrases ?? []),
    ...rules
      .flatMap((r) => r.vocabulary[Group.NumberedResolution] ?? [])
      .flatMap(expandPhrase)
      .map(vocabTokens),
  ].filter((toks) => toks.includes('#res'));
  const resolutionKeys = new Set<string>();
  const addResolution = (toks: string[]): void => {
    const key = toks.join(' ');
    if (resolutionKeys.has(key)) return;
    resolutionKeys.add(key);
    index.add(toks, { type: 'term', group: 'un_resolution' });
  };
  for (const regime of REGIMES) {
    for (const n of regime.resolutions) {
      for (const head of [
        'resolution',
        'resolutions',
        'unscr',
        'unsc resolution',
        'security council resolution',
      ]) {
        addResolution([...head.split(' '), String(n)]);
      }
      for (const toks of numbered) addResolution(toks.map((t) => (t === '#res' ? String(n) : t)));
    }
    for (const n of regime.committees) {
      index.add([String(n), 'committee'], { type: 'term', group: 'un_resolution' });
      index.add(['committee', String(n)], { type: 'term', group: 'un_resolution' });
    }
  }

  return {
    index,
    entities,
    rules,
    shadowing: new Set<string>([
      Group.Traps,
      Group.Sport,
      Group.UnRef,
      Group.UnPanel,
      Group.UnCap,
      Group.UnResolution,
      Group.NumberedResolution,
      Group.GoodsTransfer,
    ]),
    shadowsOnly: new Map([[Group.GoodsTransfer, new Set<string>([Group.Transfer])]]),
  };
}

/** Built-in rules, then rule files by category: a file's rule replaces the built-in one of that name. */
function mergeRules(contents: readonly unknown[]): Rule[] {
  const byCategory = new Map<string, Rule>();
  for (const r of BUILTIN_RULES) byCategory.set(r.category, ruleSchema.parse(r));
  for (const r of parseRules(contents)) {
    const prev = byCategory.get(r.category);
    // A file that only adds vocabulary to a built-in category keeps the built-in clauses.
    if (prev && r.clauses.length === 0 && !r.disabled) {
      byCategory.set(r.category, { ...prev, vocabulary: { ...prev.vocabulary, ...r.vocabulary } });
    } else {
      byCategory.set(r.category, r);
    }
  }
  return [...byCategory.values()].filter((r) => !r.disabled);
}
