// A notifier for the log channel alone, run by log-disk-full.fault.test.ts under `ulimit -f`:
// argv is the Redis URL, the key prefix and the alerts file. Exits on SIGTERM.
import { Redis } from 'ioredis';
import { createLogChannel } from '../../../src/alerts/channels/log.js';
import { handleDeliveryJob } from '../../../src/alerts/deliver-job.js';
import { createLogger } from '../../../src/logger.js';
import { createWorker } from '../../../src/queues/factory.js';
import { createLedger } from '../../../src/store/ledger.js';

const [redisUrl, prefix, file] = process.argv.slice(2);
const logger = createLogger({ level: 'info' });
const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
const channel = createLogChannel({ name: 'log', file, logger });
const ledger = createLedger({ redis: connection, prefix, clock: { now: () => Date.now() } });
const deps = { ledger, channels: new Map([['log', channel]]), logger };
const worker = createWorker({
  name: 'deliver-log',
  processor: (job) => handleDeliveryJob(deps, job),
  connection,
  prefix,
  logger,
  concurrency: 4,
});
void worker.run();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker
    .close()
    .then(() => channel.close?.())
    .then(() => connection.quit())
    .finally(() => process.exit(0));
});
