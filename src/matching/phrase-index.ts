import type { Token } from './text.js';
import { TokenIds, hashToken } from './token-ids.js';

/**
 * A trie of token sequences: tokens get integer ids (`TokenIds`, found by the hash the tokeniser
 * computed), and edges (node, token id) → child live in the root's array and in one
 * open-addressing hash table of typed arrays, so looking up an item costs a few integer probes
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
/** No edge: node 0 is the root, never a child. An empty slot's token is 0 too (ids start at 1). */
const NONE = 0;
/** Each hash slot holds node, token id and child side by side: one cache line per probe. */
const STRIDE = 3;

export class PhraseIndex<P> {
  private readonly tokenIds = new TokenIds();
  /** The root's children by token id: the first step from every position is one array read. */
  private roots = new Int32Array(1024);
  /** Deeper edges (node, token id) → child, open addressing with linear probing. */
  private slots = new Int32Array(1024 * STRIDE);
  private slotCount = 1024;
  private edgeCount = 0;
  private readonly payloads: (P[] | undefined)[] = [undefined];
  private nodes = 1;
  private phraseCount = 0;
  /** Reused by `findAll` for the depth-first walk; grown on demand. */
  private stack = new Int32Array(64);
  /** Reused by `findAll` for the item's token ids; grown on demand. */
  private ids = new Int32Array(256);

  get size(): number {
    return this.phraseCount;
  }

  private tokenId(token: string): number {
    const id = this.tokenIds.add(token);
    if (id >= this.roots.length) {
      const bigger = new Int32Array(this.roots.length * 2);
      bigger.set(this.roots);
      this.roots = bigger;
    }
    return id;
  }

  /** The slot (times STRIDE) holding edge (node, token), or the empty one where it would go. */
  private slot(node: number, token: number): number {
    const slots = this.slots;
    const mask = this.slotCount - 1;
    let h = Math.imul(node, 0x9e3779b1) ^ Math.imul(token, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    let s = (h ^ (h >>> 13)) & mask;
    for (;;) {
      const at = s * STRIDE;
      const t = slots[at + 1];
      if (t === NONE || (t === token && slots[at] === node)) return at;
      s = (s + 1) & mask;
    }
  }

  /** The child of `node` along `token`, or NONE. */
  private child(node: number, token: number): number {
    if (node === 0) return this.roots[token];
    return this.slots[this.slot(node, token) + 2];
  }

  private grow(): void {
    const old = this.slots;
    this.slotCount *= 2;
    this.slots = new Int32Array(this.slotCount * STRIDE);
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at + 1] === NONE) continue;
      this.slots.set(old.subarray(at, at + STRIDE), this.slot(old[at], old[at + 1]));
    }
  }

  private addChild(node: number, token: number): number {
    const child = this.nodes++;
    this.payloads.push(undefined);
    if (node === 0) {
      this.roots[token] = child;
      return child;
    }
    // Half full at most, so probe runs stay short.
    if ((this.edgeCount + 1) * 2 > this.slotCount) this.grow();
    const at = this.slot(node, token);
    this.slots[at] = node;
    this.slots[at + 1] = token;
    this.slots[at + 2] = child;
    this.edgeCount++;
    return child;
  }

  /** Adds a phrase given as normalised tokens. Empty phrases are ignored. */
  add(tokens: readonly string[], payload: P): void {
    if (tokens.length === 0) return;
    let node = 0;
    for (const t of tokens) {
      const id = this.tokenId(t);
      const child = this.child(node, id);
      node = child === NONE ? this.addChild(node, id) : child;
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
    if (this.ids.length < n) this.ids = new Int32Array(Math.max(n, this.ids.length * 2));
    const ids = this.ids;
    const numId = this.tokenIds.get(NUM_CLASS, hashToken(NUM_CLASS));
    const resId = this.tokenIds.get(RES_CLASS, hashToken(RES_CLASS));
    // The classes a number token belongs to, shared by every such token (read only).
    const numberClasses: readonly number[] = numId !== 0 ? [numId] : [];
    const resolutionClasses: readonly number[] = [
      ...numberClasses,
      ...(resId !== 0 ? [resId] : []),
    ];
    let classes: (readonly number[] | undefined)[] | undefined;
    for (let i = 0; i < n; i++) {
      const norm = tokens[i].norm;
      ids[i] = this.tokenIds.get(norm, tokens[i].hash);
      const c0 = norm.charCodeAt(0);
      if ((numId !== 0 || resId !== 0) && c0 >= 48 && c0 <= 57 && NUMBER.test(norm)) {
        let resolution = false;
        if (resId !== 0 && RESOLUTION_SHAPE.test(norm)) {
          const v = Number(norm);
          resolution = v >= 600 && v <= 2999;
        }
        (classes ??= new Array<readonly number[] | undefined>(n))[i] = resolution
          ? resolutionClasses
          : numberClasses;
      }
    }
    for (let i = 0; i < n; i++) {
      if (this.roots[ids[i]] === NONE && classes?.[i] === undefined) continue;
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
    if (child === NONE) return top;
    const p = this.payloads[child];
    if (p) for (const payload of p) hits.push({ first, last: pos, payload });
    return this.push(top, child, pos + 1);
  }
}
