/**
 * Parses RFC 4180-style CSV as OFAC publishes it: no header, quoted fields with `""` escapes,
 * unquoted `-0- ` placeholders, LF or CRLF line ends, newlines inside quotes.
 */
export function parseCsv(text: string): string[][] {
  // Strip a BOM and the DOS end-of-file mark (0x1A) some OFAC copies end with.
  // The DOS end-of-file byte (0x1A) trails some official CSV exports.
  // eslint-disable-next-line no-control-regex
  const src = text.replace(/^\uFEFF/u, '').replace(/\u001A+\s*$/u, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = src.length;
  const endRow = () => {
    if (row.length > 1 || row[0].trim() !== '') rows.push(row);
    row = [];
  };
  while (i < n) {
    let field: string;
    // Leading spaces before an opening quote are tolerated.
    let j = i;
    while (src[j] === ' ') j += 1;
    if (src[j] === '"') {
      field = '';
      j += 1;
      for (;;) {
        const q = src.indexOf('"', j);
        if (q === -1) {
          field += src.slice(j);
          j = n;
          break;
        }
        field += src.slice(j, q);
        if (src[q + 1] === '"') {
          field += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      // Anything between the closing quote and the separator is kept (malformed but readable).
      let k = j;
      while (k < n && src[k] !== ',' && src[k] !== '\n' && src[k] !== '\r') k += 1;
      field += src.slice(j, k).trim();
      i = k;
    } else {
      let k = i;
      while (k < n && src[k] !== ',' && src[k] !== '\n' && src[k] !== '\r') k += 1;
      field = src.slice(i, k);
      i = k;
    }
    row.push(field);
    if (i >= n) break;
    if (src[i] === ',') {
      i += 1;
      if (i >= n) row.push('');
      continue;
    }
    if (src[i] === '\r' && src[i + 1] === '\n') i += 1;
    i += 1;
    endRow();
  }
  if (row.length > 0) endRow();
  return rows;
}

/** A field's value, `undefined` for OFAC's `-0-` (and blank) placeholders. */
export function csvValue(field: string | undefined): string | undefined {
  const v = (field ?? '').trim();
  return v === '' || v === '-0-' ? undefined : v;
}
