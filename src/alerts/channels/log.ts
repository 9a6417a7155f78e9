import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { fstatSync, ftruncateSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { SwError } from '../../errors.js';
import type { Alert, Channel } from '../types.js';

export interface LogChannelOptions {
  name: string;
  /** Absolute path of the JSON-lines file alerts are appended to. */
  file: string;
  logger: Logger;
}

/** How often, at most, the file is checked for a rotation (renamed or removed). */
const ROTATION_CHECK_MS = 1000;

/**
 * One pino line per alert and one JSON line appended to the file. The file stays open between
 * alerts (opening and closing it per alert cost more than the write); it is reopened when it was
 * rotated away, and closed by `close()`.
 */
export function createLogChannel(options: LogChannelOptions): Channel {
  let current: Promise<FileHandle> | undefined;
  let checkedAt = 0;
  // Handles replaced after a rotation, closed a little later so writes in flight on them finish.
  const retired = new Set<Promise<FileHandle>>();

  const retire = (handle: Promise<FileHandle>) => {
    if (current === handle) current = undefined;
    retired.add(handle);
    setTimeout(() => {
      if (retired.delete(handle)) void closeQuietly(handle);
    }, ROTATION_CHECK_MS).unref();
  };

  async function rotated(handle: Promise<FileHandle>): Promise<boolean> {
    const [open, onDisk] = await Promise.all([
      handle.then((h) => h.stat()),
      stat(options.file).catch(() => undefined),
    ]);
    return !onDisk || onDisk.ino !== open.ino || onDisk.dev !== open.dev;
  }

  async function fileHandle(): Promise<FileHandle> {
    const now = Date.now();
    if (current && now - checkedAt >= ROTATION_CHECK_MS) {
      checkedAt = now;
      const handle = current;
      if (await rotated(handle)) retire(handle);
    }
    if (!current) {
      checkedAt = now;
      current = mkdir(path.dirname(options.file), { recursive: true }).then(() =>
        open(options.file, 'a'),
      );
    }
    return current;
  }

  return {
    name: options.name,
    type: 'log',
    async deliver(alert: Alert): Promise<void> {
      try {
        // One write per line (O_APPEND) so concurrent appends never interleave inside a line.
        writeLine(await fileHandle(), `${JSON.stringify(alert)}\n`);
      } catch (cause) {
        if (current) retire(current);
        const code = (cause as { code?: string }).code;
        // Not DELIVERY_PERMANENT, so the job is retried: a disk that filled up empties again.
        throw new SwError(
          'LOG_WRITE_FAILED',
          `log ${options.name}: cannot append to ${options.file} (${code ?? String(cause)}); nothing of the line was kept, the alert will be retried`,
          { cause, details: { channel: options.name, code } },
        );
      }
      options.logger.info({ channel: options.name, alert }, 'alert');
    },
    async close(): Promise<void> {
      const handles = [...retired, ...(current ? [current] : [])];
      retired.clear();
      current = undefined;
      await Promise.all(handles.map(closeQuietly));
    },
  };
}

async function closeQuietly(handle: Promise<FileHandle>): Promise<void> {
  await handle.then((h) => h.close()).catch(() => undefined);
}

// One write(2) for a line this short; the loop only covers a partial write. Synchronous, as
// pino's own file output is: appending a line to the page cache takes a few µs, while handing it
// to libuv's thread pool and back cost ~45 µs of CPU per line (measured).
// Whole or nothing: a disk that fills (ENOSPC) or a file size limit (EFBIG) can take the first
// part of a line and refuse the rest; that part is cut off again, or the next line would be
// glued onto it (one alert unreadable, the retried one then counted twice). The cut assumes this
// process is the file's only writer, as each log channel's file is.
function writeLine(handle: FileHandle, line: string): void {
  const buf = Buffer.from(line, 'utf8');
  let written = 0;
  try {
    while (written < buf.length) {
      const n = writeSync(handle.fd, buf, written);
      if (n === 0) throw Object.assign(new Error('write made no progress'), { code: 'ENOSPC' });
      written += n;
    }
  } catch (err) {
    if (written > 0) ftruncateSync(handle.fd, fstatSync(handle.fd).size - written);
    throw err;
  }
}
