import { detect } from 'tinyld';

/**
 * An item's language: what the feed declares, else what its script says (Hangul, Han, Arabic,
 * Cyrillic with or without the Ukrainian letters), else a statistical guess among the Latin-script
 * languages newsrooms publish in. A declaration loses only to a script that cannot be its language
 * (a Cyrillic story in a feed that says `en`), so mixed feeds work item by item.
 */

/** Latin-script languages the detector chooses among; fewer candidates, fewer confusions. */
const LATIN_CANDIDATES = ['en', 'fr', 'es', 'de', 'it', 'pt', 'nl'];

/** Languages told apart by their script alone (Japanese by kana, before Han). */
const SCRIPTS: readonly [RegExp, string][] = [
  [/[\uac00-\ud7af\u1100-\u11ff]/, 'ko'],
  [/[\u3040-\u30ff]/, 'ja'],
  [/[\u4e00-\u9fff\u3400-\u4dbf]/, 'zh'],
  [/[\u0600-\u06ff\u0750-\u077f]/, 'ar'],
  [/[іїєґІЇЄҐ]/, 'uk'],
  [/[\u0400-\u04ff]/, 'ru'],
];

/**
 * Function words of the Latin-script candidates. Headlines are too short for character n-grams
 * alone (an English headline reads as German or Dutch to them); two or more function words of one
 * language, more than of any other, decide before the statistical detector is asked.
 */
const FUNCTION_WORDS: Readonly<Record<string, ReadonlySet<string>>> = Object.fromEntries(
  Object.entries({
    en: 'the of and to in for on with from by is was are has have after over says said its a an as at into against amid',
    fr: 'le la les des du de et un une pour dans sur avec par selon est au aux qui en ont été contre',
    es: 'el la los las del de y un una para con por según es en que al se sobre contra tras',
    de: 'der die das den dem des und ein eine einen für mit von auf im ist nach bei zu aus gegen über wird',
    it: 'il lo gli della del di e un una per con da nel che è alla dei sono',
    pt: 'o os as do da dos das e um uma para com por em no na que ao foi pelo pela',
    nl: 'de het een van en voor met op in is dat bij naar zijn wordt',
  }).map(([language, words]) => [language, new Set(words.split(' '))]),
);

/** The language whose function words clearly dominate `text`, if one does. */
function byFunctionWords(text: string): string | undefined {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    for (const [language, words] of Object.entries(FUNCTION_WORDS))
      if (words.has(word)) counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  const [first, second] = [...counts].sort((a, b) => b[1] - a[1]);
  return first && first[1] >= 2 && first[1] > (second?.[1] ?? 0) ? first[0] : undefined;
}

/** Text longer than this adds detection cost and no accuracy on news openings. */
const DETECT_CHARS = 240;

/** `en-GB`, `zh_Hans`, `EN` → `en`; anything that is not a language tag → undefined. */
export function languageTag(tag: string | undefined): string | undefined {
  const m = /^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$/.exec(tag ?? '');
  return m ? m[1].toLowerCase() : undefined;
}

/** The language the script of `text` decides, if it does. */
export function scriptLanguage(text: string): string | undefined {
  for (const [pattern, language] of SCRIPTS) if (pattern.test(text)) return language;
  return undefined;
}

/** The language of an item's text, or undefined when there is too little to tell. */
export function detectLanguage(title: string, body: string): string | undefined {
  const text = `${title}. ${body}`.slice(0, DETECT_CHARS);
  const byScript = scriptLanguage(text);
  if (byScript) return byScript;
  if (!/\p{Script=Latin}{2}/u.test(text)) return undefined;
  return byFunctionWords(text) ?? (detect(text, { only: LATIN_CANDIDATES }) || undefined);
}

/** The item's language: the declared one unless the script contradicts it, else detected. */
export function itemLanguage(
  declared: string | undefined,
  title: string,
  body: string,
): string | undefined {
  const tag = languageTag(declared);
  const byScript = scriptLanguage(`${title} ${body.slice(0, DETECT_CHARS)}`);
  if (tag && (byScript === undefined ? !NON_LATIN.has(tag) : sameScript(tag, byScript))) return tag;
  return byScript ?? detectLanguage(title, body);
}

/** Declared languages written in a non-Latin script: a Latin-only item cannot be one of them. */
const NON_LATIN = new Set(['ko', 'ja', 'zh', 'ar', 'fa', 'ur', 'ru', 'uk', 'be', 'bg', 'sr', 'mk']);

/** Whether a declared language fits the script seen (Cyrillic covers both ru and uk and more). */
function sameScript(declared: string, byScript: string): boolean {
  const cyrillic = new Set(['ru', 'uk', 'be', 'bg', 'sr', 'mk']);
  if (cyrillic.has(byScript)) return cyrillic.has(declared);
  if (byScript === 'ar') return ['ar', 'fa', 'ur'].includes(declared);
  if (byScript === 'zh') return declared === 'zh' || declared === 'ja';
  return declared === byScript;
}

/**
 * The language an XML feed declares: RSS `<language>` / `<dc:language>` in the channel, or
 * `xml:lang` on the root element (Atom). Read from the document's head only.
 */
export function declaredXmlLanguage(xml: string): string | undefined {
  const head = xml.slice(0, 8192);
  const element = /<(?:dc:)?language>\s*([^<]{2,35}?)\s*<\/(?:dc:)?language>/i.exec(head)?.[1];
  const root = /<(?:feed|rss|rdf:RDF)\b[^>]*\sxml:lang\s*=\s*["']([^"']{2,35})["']/i.exec(
    head,
  )?.[1];
  return languageTag(element ?? root);
}
