import { decodeHTML } from 'entities';

/** Plain text with entities decoded and tags removed, and for each of its chars the original offset. */
export interface Cleaned {
  text: string;
  /** Original offset of each char of `text`; undefined when identical to the original. */
  map?: Int32Array;
}

const NEEDS_CLEANING = /[&<]/;
const ENTITY = /^&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;
const TAG = /^<\/?[a-z][^<>]{0,500}>/i;

export function clean(original: string): Cleaned {
  if (!NEEDS_CLEANING.test(original)) return { text: original };
  const out: string[] = [];
  const map: number[] = [];
  let i = 0;
  while (i < original.length) {
    const ch = original[i];
    if (ch === '&' || ch === '<') {
      const rest = original.slice(i, i + 520);
      const ent = ch === '&' ? ENTITY.exec(rest) : null;
      if (ent) {
        const decoded = decodeHTML(ent[0]);
        for (const c of decoded) {
          out.push(c);
          map.push(i);
        }
        i += ent[0].length;
        continue;
      }
      const tag = ch === '<' ? TAG.exec(rest) : null;
      if (tag) {
        out.push(' ');
        map.push(i);
        i += tag[0].length;
        continue;
      }
    }
    out.push(ch);
    map.push(i);
    i++;
  }
  return { text: out.join(''), map: Int32Array.from(map) };
}
