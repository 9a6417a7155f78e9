import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Alert, Channel } from '../types.js';
import { transient } from './errors.js';

export interface LogChannelOptions {
  name: string;
  /** Absolute path of the JSON-lines file alerts are appended to. */
  file: string;
  logger: Logger;
}

/** One pino line per alert and one JSON line appended to the file. */
export function createLogChannel(options: LogChannelOptions): Channel {
  let dirReady: Promise<unknown> | undefined;
  return {
    name: options.name,
    type: 'log',
    async deliver(alert: Alert): Promise<void> {
      try {
        dirReady ??= mkdir(path.dirname(options.file), { recursive: true });
        await dirReady;
        // One write per line so concurrent appends never interleave inside a line.
        await appendFile(options.file, `${JSON.stringify(alert)}\n`, 'utf8');
      } catch (cause) {
        dirReady = undefined;
        throw transient(`log ${options.name}: cannot append to ${options.file}`, {
          cause,
          details: { channel: options.name },
        });
      }
      options.logger.info({ channel: options.name, alert }, 'alert');
    },
  };
}
