import type { Job } from 'bullmq';
import { createChannels } from '../../alerts/channels/index.js';
import { handleDeliveryJob } from '../../alerts/deliver-job.js';
import { createLedger } from '../../alerts/ledger.js';
import type { DeliveryJob } from '../../queues/registry.js';
import type { AppContext } from '../context.js';

/** The notifier's processor over the configured channels, and how to close them at stop. */
export function makeDeliveryProcessor(ctx: AppContext) {
  const channels = createChannels(ctx.config, { logger: ctx.logger, clock: ctx.clock });
  const ledger = createLedger({ redis: ctx.redis, prefix: ctx.config.redis.prefix, clock: ctx.clock });
  return {
    processor: async (job: Job<DeliveryJob>) => {
      const outcome = await handleDeliveryJob({ ledger, channels, logger: ctx.logger, clock: ctx.clock }, job).catch(
        (err: unknown) => {
          ctx.metrics.deliveries.inc({ channel: job.data.channel, outcome: 'error' });
          if (job.attemptsMade > 0) ctx.metrics.deliveryRetries.inc({ channel: job.data.channel });
          throw err;
        },
      );
      ctx.metrics.deliveries.inc({ channel: job.data.channel, outcome: outcome.outcome });
      if (outcome.outcome === 'delivered' && job.data.alert.polledAt) {
        ctx.metrics.deliveryLatency.observe({ channel: job.data.channel }, (ctx.clock.now() - job.data.alert.polledAt) / 1000);
      }
      return outcome;
    },
    close: async () => {
      await Promise.allSettled([...channels.values()].map((c) => c.close?.()));
    },
  };
}
