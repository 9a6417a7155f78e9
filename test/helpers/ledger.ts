import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createLedger, type Ledger } from '../../src/store/ledger.js';
import { deletePrefix, randomPrefix, REDIS_URL } from './redis.js';

export interface LedgerFixture {
  redis: Redis;
  prefix: string;
  ledger: Ledger;
}

/**
 * Registers the ledger tests' hooks: one Redis connection per file, a fresh prefix and ledger per
 * test (handed to `use` before it runs), every key under the prefix deleted after it.
 */
export function ledgerPerTest(tag: string, use: (fixture: LedgerFixture) => void): void {
  let redis: Redis;
  let prefix = '';
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await redis.quit();
  });
  beforeEach(() => {
    prefix = randomPrefix(tag);
    use({ redis, prefix, ledger: createLedger({ redis, prefix }) });
  });
  afterEach(async () => {
    await deletePrefix(prefix);
  });
}
