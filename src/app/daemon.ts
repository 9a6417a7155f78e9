import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { createApp, type App } from './create-app.js';
import type { Role } from './context.js';
import { withEmbeddedRedis } from './embedded-redis.js';
import { Lifecycle } from './lifecycle.js';

export interface DaemonOptions {
  config: Config;
  logger: Logger;
  role: Role;
  /** Time allowed for a graceful stop after SIGTERM/SIGINT. @defaultValue 8s */
  stopDeadlineMs?: number;
}

/**
 * Runs the app until SIGTERM or SIGINT, then stops it within the deadline. Resolves when stopped;
 * never calls process.exit, so logs are flushed before the process ends.
 */
export async function runDaemon(options: DaemonOptions): Promise<void> {
  let signalled: ((sig: NodeJS.Signals | 'watchdog') => void) | undefined;
  const stopped = new Promise<NodeJS.Signals | 'watchdog'>((resolve) => {
    signalled = resolve;
  });
  // Listening from the first moment: a Ctrl-C during start still stops whatever has started.
  const onSignal = (sig: NodeJS.Signals) => signalled?.(sig);
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  // Outlives the app: a private Redis (none when a Redis URL was given) stops after it.
  const outer = new Lifecycle(options.logger);
  let app: App;
  try {
    app = await startApp(options, outer, () => signalled?.('watchdog'));
  } catch (err) {
    await outer.stop(2000);
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    throw err;
  }
  // SIGHUP reloads watchlists and rules without a restart.
  const onHup = () => void app.reload();
  process.on('SIGHUP', onHup);
  const sig = await stopped;
  process.off('SIGHUP', onHup);
  options.logger.info({ signal: sig }, 'stopping');
  // A second signal while stopping means "now": leave active jobs to be retried.
  const again = () => {
    options.logger.warn('second signal: stopping at once');
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 100).unref();
  };
  process.once('SIGTERM', again);
  process.once('SIGINT', again);
  const deadline = Date.now() + (options.stopDeadlineMs ?? 8000);
  await app.stop(options.stopDeadlineMs ?? 8000);
  await outer.stop(Math.max(deadline - Date.now(), 1000));
  // A stuck worker is a runtime failure: exit 1 so the supervisor restarts the process.
  if (sig === 'watchdog') process.exitCode = 1;
  process.off('SIGTERM', again);
  process.off('SIGINT', again);
}

async function startApp(options: DaemonOptions, outer: Lifecycle, onFatal: () => void) {
  const config = await withEmbeddedRedis(options.config, {
    lifecycle: outer,
    logger: options.logger,
    say: (line) => options.logger.info(line),
  });
  const app: App = createApp({ config, logger: options.logger, role: options.role, onFatal });
  try {
    await app.start();
  } catch (err) {
    await app.stop(2000).catch(() => undefined);
    throw err;
  }
  return app;
}
