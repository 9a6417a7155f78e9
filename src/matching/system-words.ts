/**
 * Generic "system" words that give a weak weapon-system name its military sense: "Patriot
 * systems", "Patriot-Systeme", "système Patriot", «комплексы Патриот», 爱国者系统. A weak name
 * (an ordinary word such as Patriot or Caesar) counts beside one, in any language.
 */
import type { Token } from './text.js';
import { endsAt, startsAt, wordSequences } from './token-sequences.js';

const SYSTEM_WORDS = wordSequences([
  'system systems systeme systemen sistema sistemas',
  'комплекс комплексы комплексов комплексами комплексу системы систем системи',
  '시스템 체계 系统 系統 منظومه منظومات',
]);

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
