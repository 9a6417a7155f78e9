import type { Token } from './text.js';

/**
 * A trie of token sequences stored in two flat Maps (token → id, (node, token id) → child), so
 * looking up an item costs a few Map reads per token whatever the number of phrases.
 * Phrase tokens `#` (any number) and `#res` (a number 600–2999, a Security Council resolution)
 * are classes, matched by a token's shape.
 */
export interface PhraseHit<P> {
  /** First and last token index (inclusive). */
  first: number;
  last: number;
  payload: P;
}

const NUMBER = /^\d[\d.,]*$/;
const NUM_CLASS = '#';
const RES_CLASS = '#res';
const SHIFT = 2 ** 24;

export class PhraseIndex<P> {
  private readonly tokenIds = new Map<string, number>();
  private readonly edges = new Map<number, number>();
  private readonly payloads: (P[] | undefined)[] = [undefined];
  private nodes = 1;
  private phraseCount = 0;

  get size(): number {
    return this.phraseCount;
  }

  private tokenId(token: string): number {
    let id = this.tokenIds.get(token);
    if (id === undefined) {
      id = this.tokenIds.size + 1;
      this.tokenIds.set(token, id);
    }
    return id;
  }

  /** Adds a phrase given as normalised tokens. Empty phrases are ignored. */
  add(tokens: readonly string[], payload: P): void {
    if (tokens.length === 0) return;
    let node = 0;
    for (const t of tokens) {
      const key = node * SHIFT + this.tokenId(t);
      let child = this.edges.get(key);
      if (child === undefined) {
        child = this.nodes++;
        this.edges.set(key, child);
        this.payloads.push(undefined);
      }
      node = child;
    }
    const list = this.payloads[node];
    if (list) list.push(payload);
    else this.payloads[node] = [payload];
    this.phraseCount++;
  }

  /** Every phrase occurrence in the token stream (all lengths at every start). */
  findAll(tokens: readonly Token[]): PhraseHit<P>[] {
    const hits: PhraseHit<P>[] = [];
    const n = tokens.length;
    const ids = new Int32Array(n);
    const classes: (number[] | undefined)[] = new Array<number[] | undefined>(n);
    const numId = this.tokenIds.get(NUM_CLASS);
    const resId = this.tokenIds.get(RES_CLASS);
    for (let i = 0; i < n; i++) {
      const norm = tokens[i].norm;
      ids[i] = this.tokenIds.get(norm) ?? 0;
      if ((numId !== undefined || resId !== undefined) && NUMBER.test(norm)) {
        const c: number[] = [];
        if (numId !== undefined) c.push(numId);
        if (resId !== undefined && /^\d{3,4}$/.test(norm)) {
          const v = Number(norm);
          if (v >= 600 && v <= 2999) c.push(resId);
        }
        classes[i] = c;
      }
    }
    const stack: number[] = [];
    for (let i = 0; i < n; i++) {
      // Depth-first over (node, position) pairs; classes make it branch, rarely.
      stack.length = 0;
      stack.push(0, i);
      while (stack.length > 0) {
        const pos = stack.pop()!;
        const node = stack.pop()!;
        if (pos >= n) continue;
        const base = node * SHIFT;
        const id = ids[pos];
        if (id !== 0) this.step(this.edges.get(base + id), i, pos, hits, stack);
        const cls = classes[pos];
        if (cls) for (const c of cls) this.step(this.edges.get(base + c), i, pos, hits, stack);
      }
    }
    return hits;
  }

  private step(
    child: number | undefined,
    first: number,
    pos: number,
    hits: PhraseHit<P>[],
    stack: number[],
  ): void {
    if (child === undefined) return;
    const p = this.payloads[child];
    if (p) for (const payload of p) hits.push({ first, last: pos, payload });
    stack.push(child, pos + 1);
  }
}
