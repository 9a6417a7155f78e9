import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { SwError } from '../errors.js';
import type { FetchResult } from './fetch.js';

export function tooLarge(maxBytes: number): SwError {
  return new SwError('FEED_TOO_LARGE', `feed larger than ${maxBytes} bytes`);
}

/** The body decoded per Content-Encoding, at most `maxBytes` once inflated. */
export async function decompress(
  body: Buffer,
  encoding: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  const enc = (encoding ?? '').trim().toLowerCase();
  const opts = { maxOutputLength: maxBytes };
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return await promisify(zlib.gunzip)(body, opts);
    if (enc === 'br') return await promisify(zlib.brotliDecompress)(body, opts);
    if (enc === 'deflate') {
      try {
        return await promisify(zlib.inflate)(body, opts);
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw err;
        return await promisify(zlib.inflateRaw)(body, opts);
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
    throw new SwError('FEED_NETWORK', `bad ${enc} body: ${(err as Error).message}`, { cause: err });
  }
  return body;
}

/** A `file://` feed read with the same cap as a download. */
export async function readFileCapped(url: string, maxBytes: number): Promise<FetchResult> {
  let handle;
  try {
    handle = await open(fileURLToPath(url), 'r');
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new SwError(
      code === 'ENOENT' ? 'FEED_NOT_FOUND' : 'INPUT_UNREADABLE',
      `cannot read ${url}: ${code ?? (err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw tooLarge(maxBytes);
    const buf = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buf, 0, size, 0);
    return { kind: 'ok', url, body: buf.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}
