// The ledger's Lua scripts and how they are sent. Each runs atomically in Redis, so a check and
// the write it guards (delivered? then lock; mark, then release) cannot interleave with another
// worker's.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

// Adds the alert once, then trims the oldest beyond the cap (their data and delivery states
// too: only `recent` reads them, so a state outliving its alert would be kept for nothing).
// The state keys share the prefix, hence the hash tag and slot, of KEYS.
const RECORD_FN = `
local function record(recent, data, id, score, json, max, statusPrefix)
  if redis.call('ZADD', recent, 'NX', score, id) == 0 then return 0 end
  redis.call('HSET', data, id, json)
  max = tonumber(max)
  local n = redis.call('ZCARD', recent)
  if n > max then
    local old = redis.call('ZRANGE', recent, 0, n - max - 1)
    redis.call('ZREMRANGEBYRANK', recent, 0, n - max - 1)
    for _, old_id in ipairs(old) do
      redis.call('HDEL', data, old_id)
      redis.call('DEL', statusPrefix .. old_id)
    end
  end
  return 1
end
`;
export const RECORD = `${RECORD_FN}
return record(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5])`;

// KEYS: delivered, lock, recent, data. ARGV: id, token, ttl, [score, json, max, statusPrefix].
// Returns -1 when delivered, -2 when acquired, else the lock's remaining ms (at least 1).
export const BEGIN = `${RECORD_FN}
if ARGV[4] then record(KEYS[3], KEYS[4], ARGV[1], ARGV[4], ARGV[5], ARGV[6], ARGV[7]) end
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return -1 end
if redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3], 'NX') then return -2 end
local left = redis.call('PTTL', KEYS[2])
if left < 1 then return 1 end
return left`;

// KEYS: delivered, recent, status, lock. ARGV: id, now, retention cutoff, channel, state json,
// status ttl, token. Idempotent, so a retry after a lost reply does no harm.
export const FINISH = `
local added = redis.call('ZADD', KEYS[1], 'NX', ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
if redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  redis.call('HSET', KEYS[3], ARGV[4], ARGV[5])
  redis.call('PEXPIRE', KEYS[3], ARGV[6])
end
if redis.call('GET', KEYS[4]) == ARGV[7] then redis.call('DEL', KEYS[4]) end
return added`;

// Records a delivery state only while the alert is among the recent ones, so a late retry of a
// trimmed alert leaves no state behind.
export const RECORD_DELIVERY = `
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 1`;

// EVALSHA, falling back to EVAL once Redis lost its script cache (a restart): sending the
// scripts' text with every call cost as much socket time as the rest of the ledger.
const sha1 = (body: string) => createHash('sha1').update(body).digest('hex');
const SHAS = new Map<string, string>();
export async function run(redis: Redis, body: string, keys: number, ...args: (string | number)[]) {
  let sha = SHAS.get(body);
  if (sha === undefined) SHAS.set(body, (sha = sha1(body)));
  try {
    return await redis.evalsha(sha, keys, ...args);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    return redis.eval(body, keys, ...args);
  }
}
