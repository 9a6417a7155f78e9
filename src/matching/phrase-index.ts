import type { Token } from './text.js';

/**
 * A trie of token sequences: tokens get integer ids, and edges (node, token id) → child live in
 * one open-addressing hash table of typed arrays, so looking up an item costs a few integer probes
 * per token whatever the number of phrases (a Map keyed by node × token would need keys beyond
 * the small-integer range, which V8 hashes as heap numbers).
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
const RESOLUTION_SHAPE = /^\d{3,4}$/;
const NUM_CLASS = '#';
const RES_CLASS = '#res';
/** An empty slot: token ids start at 1. */
const EMPTY = 0;

export class PhraseIndex<P> {
  private readonly tokenIds = new Map<string, number>();
  private slotNode = new Int32Array(1024);
  private slotToken = new Int32Array(1024);
  private slotChild = new Int32Array(1024);
  private edgeCount = 0;
  private readonly payloads: (P[] | undefined)[] = [undefined];
  private nodes = 1;
  private phraseCount = 0;
  /** Reused by `findAll` for the depth-first walk; grown on demand. */
  private stack = new Int32Array(64);

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

  /** The slot holding edge (node, token), or the empty slot where it would go. */
  private slot(node: number, token: number): number {
    const mask = this.slotToken.length - 1;
    let h = Math.imul(node, 0x9e3779b1) ^ Math.imul(token, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    let s = (h ^ (h >>> 13)) & mask;
    while (this.slotToken[s] !== EMPTY) {
      if (this.slotToken[s] === token && this.slotNode[s] === node) return s;
      s = (s + 1) & mask;
    }
    return s;
  }

  /** The child of `node` along `token`, or -1. */
  private child(node: number, token: number): number {
    const s = this.slot(node, token);
    return this.slotToken[s] === EMPTY ? -1 : this.slotChild[s];
  }

  private grow(): void {
    const { slotNode, slotToken, slotChild } = this;
    const size = slotToken.length * 2;
    this.slotNode = new Int32Array(size);
    this.slotToken = new Int32Array(size);
    this.slotChild = new Int32Array(size);
    for (let s = 0; s < slotToken.length; s++) {
      if (slotToken[s] === EMPTY) continue;
      const t = this.slot(slotNode[s], slotToken[s]);
      this.slotNode[t] = slotNode[s];
      this.slotToken[t] = slotToken[s];
      this.slotChild[t] = slotChild[s];
    }
  }

  /** Adds a phrase given as normalised tokens. Empty phrases are ignored. */
  add(tokens: readonly string[], payload: P): void {
    if (tokens.length === 0) return;
    let node = 0;
    for (const t of tokens) {
      const id = this.tokenId(t);
      let child = this.child(node, id);
      if (child < 0) {
        // Half full at most, so probe runs stay short.
        if ((this.edgeCount + 1) * 2 > this.slotToken.length) this.grow();
        const s = this.slot(node, id);
        child = this.nodes++;
        this.slotNode[s] = node;
        this.slotToken[s] = id;
        this.slotChild[s] = child;
        this.edgeCount++;
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
    const numId = this.tokenIds.get(NUM_CLASS) ?? 0;
    const resId = this.tokenIds.get(RES_CLASS) ?? 0;
    let classes: (number[] | undefined)[] | undefined;
    for (let i = 0; i < n; i++) {
      const norm = tokens[i].norm;
      ids[i] = this.tokenIds.get(norm) ?? 0;
      const c0 = norm.charCodeAt(0);
      if ((numId !== 0 || resId !== 0) && c0 >= 48 && c0 <= 57 && NUMBER.test(norm)) {
        const c: number[] = [];
        if (numId !== 0) c.push(numId);
        if (resId !== 0 && RESOLUTION_SHAPE.test(norm)) {
          const v = Number(norm);
          if (v >= 600 && v <= 2999) c.push(resId);
        }
        (classes ??= new Array<number[] | undefined>(n))[i] = c;
      }
    }
    for (let i = 0; i < n; i++) {
      if (ids[i] === 0 && classes?.[i] === undefined) continue;
      // Depth-first over (node, position) pairs; classes make it branch, rarely.
      let top = this.push(0, 0, i);
      while (top > 0) {
        const pos = this.stack[--top];
        const node = this.stack[--top];
        if (pos >= n) continue;
        const id = ids[pos];
        if (id !== 0) top = this.step(this.child(node, id), i, pos, hits, top);
        const cls = classes?.[pos];
        if (cls) for (const c of cls) top = this.step(this.child(node, c), i, pos, hits, top);
      }
    }
    return hits;
  }

  /** Pushes (node, pos) on the walk's stack; returns the new top. */
  private push(top: number, node: number, pos: number): number {
    if (top + 2 > this.stack.length) {
      const bigger = new Int32Array(this.stack.length * 2);
      bigger.set(this.stack);
      this.stack = bigger;
    }
    this.stack[top] = node;
    this.stack[top + 1] = pos;
    return top + 2;
  }

  private step(
    child: number,
    first: number,
    pos: number,
    hits: PhraseHit<P>[],
    top: number,
  ): number {
    if (child < 0) return top;
    const p = this.payloads[child];
    if (p) for (const payload of p) hits.push({ first, last: pos, payload });
    return this.push(top, child, pos + 1);
  }
}
