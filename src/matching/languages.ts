/**
 * Per-script normalisation of one folded token, applied alike to item text and to vocabulary
 * and names, so an inflected or particle-bearing form meets its dictionary form:
 * Russian/Ukrainian endings cut (поставки, поставку → поставк), Korean particles and verb
 * endings cut (북한이, 북한의 → 북한; 공급했다 → 공급), Arabic letter variants unified and
 * attached prefixes cut (والأسلحة → اسلحه). Chinese needs no step here: the tokeniser makes
 * every Han character a token, so phrases match as character sequences.
 */

// Longest first. Folding has already turned й into и and ё into е.
const SLAVIC_ENDINGS = [
  'иями',
  'ями',
  'ами',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'иеи',
  'иях',
  'ями',
  'ов',
  'ев',
  'еи',
  'ии',
  'ыи',
  'ои',
  'ая',
  'яя',
  'ое',
  'ее',
  'ые',
  'ие',
  'ую',
  'юю',
  'ом',
  'ем',
  'ам',
  'ям',
  'ых',
  'их',
  'ах',
  'ях',
  'ия',
  'ию',
  'ть',
  'ла',
  'ло',
  'ли',
  'ил',
  'ал',
  'ял',
  'ет',
  'ют',
  'ут',
  'ит',
  'ат',
  'ят',
  'ів',
  'ою',
  'ею',
  'ми',
  'а',
  'я',
  'о',
  'е',
  'ы',
  'и',
  'у',
  'ю',
  'ь',
  'і',
  'є',
];
const REFLEXIVE = ['ся', 'сь'];

/**
 * Nouns whose stem ends like a verb ending (-ет, -ат, -ит): their genitive plural and
 * nominative are the bare stem, which must not lose its last syllable (ракет → рак).
 */
const T_NOUN_STEMS =
  /(ракет|пакет|бюджет|комитет|комітет|совет|запрет|пулемет|кулемет|пистолет|пістолет|автомат|мандат|арбалет|предмет|кабинет|кабінет|магнит|кредит|депозит|лимит|ліміт|паритет|приоритет|пріоритет)$/;

function stemSlavic(word: string): string {
  let w = word;
  for (const r of REFLEXIVE)
    if (w.length > r.length + 3 && w.endsWith(r)) w = w.slice(0, -r.length);
  if (T_NOUN_STEMS.test(w)) return w;
  for (const e of SLAVIC_ENDINGS) {
    if (w.length - e.length >= 3 && w.endsWith(e)) return w.slice(0, -e.length);
  }
  return w;
}

// Longest first: case particles, copulas and the endings of 하다/되다 verbs.
const KOREAN_SUFFIXES = [
  '에서는',
  '으로는',
  '이라고',
  '했으며',
  '하였다',
  '되었다',
  '이었다',
  '에서',
  '에게',
  '으로',
  '까지',
  '부터',
  '라고',
  '이며',
  '이고',
  '이다',
  '였다',
  '했다',
  '하고',
  '하며',
  '하는',
  '한다',
  '했고',
  '하기',
  '하여',
  '하면',
  '됐다',
  '되어',
  '되는',
  '된다',
  '됐고',
  '과의',
  '와의',
  '에는',
  '이',
  '가',
  // Origin: 북한산 석탄, 러시아산 (coal of DPRK, of Russian origin) name the state.
  '산',
  '은',
  '는',
  '을',
  '를',
  '의',
  '에',
  '와',
  '과',
  '도',
  '만',
  '로',
  '해',
  '한',
  '된',
];

/** Reported speech (보냈다고, 제공했다며): the quotative ending comes off, the verb stays. */
const KOREAN_QUOTATIVE = ['다면서', '다고', '다며', '다는'];

function stripKorean(word: string): string {
  for (const q of KOREAN_QUOTATIVE)
    if (word.length - q.length >= 1 && word.endsWith(q)) {
      word = word.slice(0, -q.length + 1);
      break;
    }
  for (const s of KOREAN_SUFFIXES) {
    // At least two syllables stay: 북한 keeps its 한, 결의 its 의.
    if (word.length - s.length >= 2 && word.endsWith(s)) {
      word = word.slice(0, -s.length);
      break;
    }
  }
  // The plural marker sits between the noun and its particle (노동자들이, 해커들의).
  return word.length >= 3 && word.endsWith('들') ? word.slice(0, -1) : word;
}

/** Attached pronouns (صاروخها, أطلقتهم: its missile, launched them). */
const ARABIC_PRONOUNS = ['هما', 'هم', 'ها'];

/** The article, alone or behind a conjunction or preposition (والأسلحة, بالصواريخ, للحوثيين). */
const ARABIC_ARTICLES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
/** One-letter conjunctions and prepositions written onto the next word (وصواريخ, لليبيا). */
const ARABIC_PROCLITICS = ['و', 'ف', 'ب', 'ل', 'ك'];

/** Cuts the first of `prefixes` that leaves at least three letters. */
function cutPrefix(w: string, prefixes: readonly string[]): string {
  for (const p of prefixes)
    if (w.length - p.length >= 3 && w.startsWith(p)) return w.slice(p.length);
  return w;
}

function normaliseArabic(word: string): string {
  let w = word
    .replace(/\u0640/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه');
  // The one-letter cut applies after the article too, so a word reads the same with and without
  // it: كورية and الكورية both end as ورية, ليبي and الليبي as يبي.
  w = cutPrefix(cutPrefix(w, ARABIC_ARTICLES), ARABIC_PROCLITICS);
  for (const p of ARABIC_PRONOUNS) {
    if (w.length - p.length >= 4 && w.endsWith(p)) return w.slice(0, -p.length);
  }
  return w;
}

/** Normalises a folded token by its script; other scripts pass unchanged. */
export function normaliseToken(norm: string): string {
  const c = norm.charCodeAt(0);
  if (c < 0x400) return norm;
  if (c <= 0x4ff) return stemSlavic(norm);
  if (c >= 0x600 && c <= 0x6ff) return normaliseArabic(norm);
  if (c >= 0xac00 && c <= 0xd7a3) return stripKorean(norm);
  return norm;
}

/** Variant Han characters written for the same word (砲彈 for 炮彈, 鎗 for 槍): one form. */
const HAN_VARIANTS: Record<string, string> = { 砲: '炮', 鎗: '槍', 衞: '衛' };

/** A Han character as the vocabulary writes it. */
export function normaliseHan(ch: string): string {
  return HAN_VARIANTS[ch] ?? ch;
}

/** A Han (Chinese) character: the tokeniser makes each one a token. */
export function isHan(ch: string): boolean {
  return HAN.test(ch);
}
const HAN = /\p{Script=Han}/u;
