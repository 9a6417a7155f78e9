import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  /** Lower-case name of the encoding used. */
  encoding: string;
}

const ALIASES: Record<string, string> = {
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'x-sjis': 'shift_jis',
  'x-euc-kr': 'euc-kr',
  gb2312: 'gbk',
};

/** Charset parameter of a Content-Type header, when there is one. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = /;\s*charset\s*=\s*("([^"]*)"|'([^']*)'|([^;\s]*))/i.exec(contentType);
  const value = m ? (m[2] ?? m[3] ?? m[4] ?? '').trim() : '';
  return value === '' ? undefined : value.toLowerCase();
}

function bomEncoding(bytes: Uint8Array): { encoding: string; skip: number } | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff)
    return { encoding: 'utf-32be', skip: 4 };
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00)
    return { encoding: 'utf-32le', skip: 4 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', skip: 2 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  // No BOM, but the first character '<' shows a 16/32-bit encoding (XML 1.0 appendix F).
  if (a === 0x00 && b === 0x00 && c === 0x00 && d === 0x3c)
    return { encoding: 'utf-32be', skip: 0 };
  if (a === 0x3c && b === 0x00 && c === 0x00 && d === 0x00)
    return { encoding: 'utf-32le', skip: 0 };
  if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f)
    return { encoding: 'utf-16be', skip: 0 };
  if (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00)
    return { encoding: 'utf-16le', skip: 0 };
  return undefined;
}

function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  const m = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m ? m[1].toLowerCase() : undefined;
}

function usable(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const n = ALIASES[name] ?? name;
  if (n === 'utf-32be' || n === 'utf-32le' || n === 'utf-32') return n;
  return iconv.encodingExists(n) ? n : undefined;
}

function decodeUtf32(bytes: Uint8Array, le: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: string[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const cp = view.getUint32(i, le);
    out.push(cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd');
  }
  return out.join('');
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-32be' || encoding === 'utf-32') return decodeUtf32(bytes, false);
  if (encoding === 'utf-32le') return decodeUtf32(bytes, true);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, {
    stripBOM: true,
  });
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes feed bytes: a BOM (or the 16/32-bit shape of `<?`) wins because nothing else can be read
 * without it; then the HTTP charset, then the XML declaration, then UTF-8, and Windows-1252 when
 * the bytes are not valid UTF-8 (the commonest undeclared legacy encoding).
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType?: string): DecodedText {
  const bom = bomEncoding(bytes);
  let encoding: string | undefined;
  let body = bytes;
  if (bom && bom.encoding !== 'utf-8') {
    encoding = bom.encoding;
    body = bytes.subarray(bom.skip);
  } else {
    if (bom) body = bytes.subarray(bom.skip);
    encoding = bom
      ? 'utf-8'
      : (usable(charsetFromContentType(contentType)) ?? usable(declaredEncoding(body)));
  }
  if (encoding && encoding !== 'utf-8' && encoding !== 'utf8') {
    return { text: stripBom(decodeWith(body, encoding)), encoding };
  }
  try {
    return { text: stripBom(strictUtf8.decode(body)), encoding: 'utf-8' };
  } catch {
    if (encoding) return { text: stripBom(decodeWith(body, 'utf-8')), encoding: 'utf-8' };
    return { text: stripBom(decodeWith(body, 'windows-1252')), encoding: 'windows-1252' };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
