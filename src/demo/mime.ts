/**
 * Just enough MIME reading for the demo's SMTP catcher (and the e-mail browser test) to read the
 * alerts the e-mail channel sends (nodemailer's multipart/alternative with text/plain and
 * text/html parts); not a general parser.
 */

export interface MimePart {
  /** Lower-case header names; folded lines unfolded. */
  headers: Map<string, string>;
  body: string;
}

export function splitPart(raw: string): MimePart {
  const m = /\r?\n\r?\n/.exec(raw);
  const head = m ? raw.slice(0, m.index) : raw;
  const body = m ? raw.slice(m.index + m[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(part: MimePart): string {
  const cte = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (cte === 'base64')
    return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (cte === 'quoted-printable') {
    const soft = part.body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      const hex = soft.slice(i + 1, i + 3);
      if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(soft[i], 'utf8'));
      }
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return part.body;
}

/**
 * The decoded body of the first `text/<subtype>` part of a message, searching nested multiparts;
 * undefined when none. A part without a Content-Type is text/plain.
 */
export function textPart(part: MimePart, subtype: string, depth = 0): string | undefined {
  const type = part.headers.get('content-type') ?? 'text/plain';
  if (type.toLowerCase().split(';')[0].trim() === `text/${subtype.toLowerCase()}`)
    return decodeBody(part);
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!/^multipart\//i.test(type) || !boundary || depth > 4) return undefined;
  for (const chunk of part.body.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    const text = textPart(splitPart(chunk.replace(/^\r?\n/, '')), subtype, depth + 1);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** The decoded text/plain body of a message, searching nested multiparts; undefined when none. */
export function plainText(part: MimePart): string | undefined {
  return textPart(part, 'plain');
}
