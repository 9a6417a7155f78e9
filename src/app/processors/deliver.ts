import { DelayedError, type Job } from 'bullmq';
import { createChannels } from '../../alerts/channels/index.js';
import type { EmailChannel } from '../../alerts/channels/email.js';
import { handleDeliveryJob } from '../../alerts/deliver-job.js';
import { createDigestBuffer, flushDigest } from '../../alerts/digest.js';
import { createLedger } from '../../store/ledger.js';
import { errorLine } from '../../errors.js';
import type { DeliveryJob } from '../../queues/registry.js';
import type { AppContext } from '../context.js';
import { closeChannels } from '../../alerts/channels/index.js';

/**
 * The notifier's processor over the configured channels, the digest timers of e-mail channels
 * with `digest`, and how to close them at stop.
 */
export function makeDeliveryProcessor(ctx: AppContext) {
  const channels = createChannels(ctx.config, { logger: ctx.logger, clock: ctx.clock });
  const ledger = createLedger({
    redis: ctx.redis,
    prefix: ctx.config.redis.prefix,
    clock: ctx.clock,
    recentAgeMs: ctx.config.alerts.retention,
  });
  const digests = new Map<string, number>();
  for (const c of ctx.config.channels)
    if (c.type === 'email' && c.digest) digests.set(c.name, c.digest);
  const digestBuffer =
    digests.size > 0 ? createDigestBuffer(ctx.redis, ctx.config.redis.prefix) : undefined;
  // Every notifier flushes each window; the digest's own lock makes only one of them send.
  const timers = [...digests].map(([name, windowMs]) =>
    setInterval(() => {
      const channel = channels.get(name) as EmailChannel | undefined;
      if (!channel) return;
      flushDigest({ redis: ctx.redis, ledger, channel })
        .then((flushed) => {
          // Each alert of a digest was counted 'buffered' when its job ran; delivered is now.
          if (flushed.outcome === 'sent')
            ctx.metrics.deliveries.inc({ channel: name, outcome: 'delivered' }, flushed.alerts);
        })
        .catch((err: unknown) =>
          ctx.logger.warn(
            { channel: name, reason: errorLine(err) },
            'digest not sent; it is kept for the next window',
          ),
        );
    }, windowMs),
  );
  const deps = {
    ledger,
    channels,
    digests,
    digestBuffer,
    logger: ctx.logger,
    clock: ctx.clock,
    redis: ctx.redis,
  };
  return {
    processor: async (job: Job<DeliveryJob>) => {
      const outcome = await handleDeliveryJob(deps, job).catch((err: unknown) => {
        // A summary waiting for its poll's alerts to join: neither an error nor a retry.
        if (err instanceof DelayedError) throw err;
        ctx.metrics.deliveries.inc({ channel: job.data.channel, outcome: 'error' });
        if (job.attemptsMade > 0) ctx.metrics.deliveryRetries.inc({ channel: job.data.channel });
        throw err;
      });
      ctx.metrics.deliveries.inc({ channel: job.data.channel, outcome: outcome.outcome });
      if (outcome.outcome === 'delivered' && job.data.alert.polledAt) {
        ctx.metrics.deliveryLatency.observe(
          { channel: job.data.channel },
          (ctx.clock.now() - job.data.alert.polledAt) / 1000,
        );
      }
      return outcome;
    },
    close: async () => {
      for (const t of timers) clearInterval(t);
      await closeChannels(channels);
    },
  };
}
