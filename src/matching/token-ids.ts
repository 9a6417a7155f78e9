/**
 * Token strings → small integer ids (from 1; 0 means unknown). Every token of every item is
 * looked up once, so the table is keyed by a hash the tokeniser computes from the chars it reads
 * anyway (`hashToken` of the normalised token): a Map would hash each new string again first.
 */
export class TokenIds {
  private readonly names: string[] = [''];
  /** Open addressing, each slot the token's hash then its id (0: empty). */
  private slots = new Int32Array(2048);

  get size(): number {
    return this.names.length - 1;
  }

  /** The id of a token whose hash is `hash`, or 0 when it was never added. */
  get(token: string, hash: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let s = mix(hash) & mask;
    for (;;) {
      const id = slots[2 * s + 1];
      if (id === 0 || (slots[2 * s] === hash && this.names[id] === token)) return id;
      s = (s + 1) & mask;
    }
  }

  /** The token's id, added if new. */
  add(token: string): number {
    const hash = hashToken(token);
    const known = this.get(token, hash);
    if (known !== 0) return known;
    // Half full at most, so probe runs stay short.
    if (this.names.length * 4 > this.slots.length) this.grow();
    const id = this.names.length;
    this.names.push(token);
    this.place(hash, id);
    return id;
  }

  private place(hash: number, id: number): void {
    const mask = (this.slots.length >> 1) - 1;
    let s = mix(hash) & mask;
    while (this.slots[2 * s + 1] !== 0) s = (s + 1) & mask;
    this.slots[2 * s] = hash;
    this.slots[2 * s + 1] = id;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (let s = 0; s < old.length; s += 2) if (old[s + 1] !== 0) this.place(old[s], old[s + 1]);
  }
}

/** The hash of the empty token; `hashStep` extends it by one UTF-16 code unit. */
export const HASH_SEED = 0x811c9dc5 | 0;

/** FNV-1a, one code unit at a time, so the tokeniser can hash a word as it scans it. */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

export function hashToken(token: string): number {
  let h = HASH_SEED;
  for (let i = 0; i < token.length; i++) h = hashStep(h, token.charCodeAt(i));
  return h;
}

/** Spreads FNV's weak low bits before masking. */
function mix(hash: number): number {
  const h = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return h ^ (h >>> 13);
}
