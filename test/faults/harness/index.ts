/**
 * Fault-test harness: real daemon processes against a real Redis and local HTTP/SMTP peers.
 * `startRig` wires everything; the pieces are exported for scenarios that need them alone.
 */
export { loadCorpus, type Corpus, type SourceText } from './corpus.js';
export {
  nodeCommand,
  startRedisCluster,
  type ClusterNodeInfo,
  type RedisCluster,
  type RedisClusterOptions,
} from './cluster.js';
export { CHANNELS, writeConfig, type FaultConfig, type FaultConfigOptions } from './config.js';
export {
  killAllDaemons,
  readyz,
  spawnDaemon,
  type DaemonExit,
  type DaemonHandle,
  type SpawnDaemonOptions,
} from './daemon.js';
export { expectedAlerts, type ExpectedAlerts } from './expected.js';
export {
  feedServer,
  type FeedServer,
  type FeedServerOptions,
  type GeneratedItem,
  type ServedFeed,
} from './feeds.js';
export { ping, privateRedis, type PrivateRedis, type PrivateRedisOptions } from './redis.js';
export {
  logFileCounts,
  tallyAll,
  tallyChannel,
  unexplainedDuplicates,
  writeFaultReport,
  type ChannelTally,
  type FaultReport,
} from './report.js';
export { startRig, type Rig, type RigOptions } from './rig.js';
export { smtpCatcher, type CaughtMail, type SmtpCatcher, type SmtpCatcherOptions } from './smtp.js';
export { freePort, sleep, waitFor } from './wait.js';
export {
  webhookReceiver,
  type WebhookDelivery,
  type WebhookReceiver,
  type WebhookReceiverOptions,
} from './webhook.js';
export { deliveryJobs, queueCounts, type QueueCounts } from './queues.js';
