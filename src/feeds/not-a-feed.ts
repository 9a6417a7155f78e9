import { SwError } from '../errors.js';

/** Characters of the body quoted in the error: enough to tell a login page from a JSON error. */
const SAMPLE_CHARS = 80;

/**
 * The first characters of a body, safe for one log line and an HTML page (escaped on display):
 * whitespace runs folded, control characters as `\xNN`, cut at {@link SAMPLE_CHARS} with `…`.
 */
export function bodySample(body: Uint8Array): string {
  const text = Buffer.from(body.subarray(0, SAMPLE_CHARS * 4))
    .toString('utf8')
    .replace(/^\ufeff/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...text];
  const cut = chars.slice(0, SAMPLE_CHARS).join('');
  const escaped = cut.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029"\\]/g,
    (c) =>
      c === '"' || c === '\\' ? `\\${c}` : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return chars.length > SAMPLE_CHARS || body.length > SAMPLE_CHARS * 4 ? `${escaped}…` : escaped;
}

/**
 * A 200 answer whose body the parser refused, as the feed's failure (FEED_PARSE): the parser's
 * reason, the content type and the body's first characters, so `/feeds` shows what came instead
 * (a login page, an error document) and the poll backs off as it does for a 404.
 */
export function notAFeed(
  err: SwError,
  fetched: { body: Uint8Array; contentType?: string },
): SwError {
  const type = fetched.contentType ?? 'no content type';
  const sample = fetched.body.length === 0 ? 'an empty body' : `"${bodySample(fetched.body)}"`;
  return new SwError('FEED_PARSE', `${err.message}; HTTP 200 ${type}, body starts ${sample}`, {
    cause: err,
    details: { ...err.details, contentType: fetched.contentType },
  });
}
