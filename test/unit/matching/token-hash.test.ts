import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tokenise } from '../../../src/matching/text.js';
import { hashToken } from '../../../src/matching/token-ids.js';

// The tokeniser hashes a word as it scans it; the phrase index finds a token by that hash, so a
// hash that differs from the norm's would silently lose the match.
describe('token hashes', () => {
  it('are the hash of the normalised token, whatever the text', () => {
    const texts = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc
        .array(
          fc.constantFrom(
            'Hwasong-17',
            '7.62mm',
            '120,000',
            'ÖL',
            'Straße',
            'ПОСТАВКИ',
            '北韓',
            'والأسلحة',
            '북한이',
            "Iran's",
            'S-400',
          ),
          { maxLength: 8 },
        )
        .map((w) => w.join(' ')),
    );
    fc.assert(
      fc.property(texts, (text) => {
        for (const t of tokenise(text).tokens) expect(t.hash).toBe(hashToken(t.norm));
      }),
      { numRuns: 500 },
    );
  });
});
