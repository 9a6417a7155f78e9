/**
 * Short word lists the engine checks around a name (contrast words, "system" words, words
 * naming a target), kept as token sequences: a Chinese word is several one-character tokens, and
 * a character alone may mean something else (是 in 但是 is "is").
 */
import { phraseTokens, type Token } from './text.js';

/** The token sequences of space-separated words, each tokenised as item text is. */
export function wordSequences(lines: readonly string[]): string[][] {
  return lines.flatMap((line) => line.split(' ').map((w) => phraseTokens(w)));
}

/** Whether the sequence `words` stands at token `start`. */
export function startsAt(
  tokens: readonly Token[],
  start: number,
  words: readonly string[],
): boolean {
  return words.every((w, j) => tokens[start + j]?.norm === w);
}

/** Whether the sequence `words` ends at token `end` (and, given `sentence`, starts inside it). */
export function endsAt(
  tokens: readonly Token[],
  end: number,
  words: readonly string[],
  sentence?: number,
): boolean {
  const start = end - words.length + 1;
  if (start < 0 || (sentence !== undefined && tokens[start].sentence !== sentence)) return false;
  return startsAt(tokens, start, words);
}
