/**
 * Generic "system" words that give a weak weapon-system name its military sense: "Patriot
 * systems", "Patriot-Systeme", "système Patriot", «комплексы Патриот», 爱国者系统. A weak name
 * (an ordinary word such as Patriot or Caesar) counts beside one, in any language.
 */
import { phraseTokens, type Token } from './text.js';

const SYSTEM_WORDS: readonly string[][] = [
  'system systems systeme systemen sistema sistemas',
  'комплекс комплексы комплексов комплексами комплексу системы систем системи',
  '시스템 체계 系统 系統 منظومه منظومات',
].flatMap((line) => line.split(' ').map((w) => phraseTokens(w)));

/** Whether `words` stands at token `start`. */
function startsAt(tokens: readonly Token[], start: number, words: readonly string[]): boolean {
  return words.every((w, j) => tokens[start + j]?.norm === w);
}

/** Whether `words` ends at token `end`. */
function endsAt(tokens: readonly Token[], end: number, words: readonly string[]): boolean {
  const start = end - words.length + 1;
  return start >= 0 && startsAt(tokens, start, words);
}

/** Whether a system word stands right before or right after the name at `first`..`last`. */
export function besideSystemWord(tokens: readonly Token[], first: number, last: number): boolean {
  const sentence = tokens[first].sentence;
  const inSentence = (k: number) => tokens[k]?.sentence === sentence;
  return SYSTEM_WORDS.some(
    (words) =>
      (inSentence(last + 1) && startsAt(tokens, last + 1, words)) ||
      (inSentence(first - 1) && endsAt(tokens, first - 1, words)),
  );
}
