-- Marks a delivery done, records its state while the alert is recent, and releases the lock.
-- Idempotent, so a retry after a lost reply does no harm.
-- KEYS[1] delivered, KEYS[2] recent, KEYS[3] statuses, KEYS[4] lock
-- ARGV: id, now, retention cutoff, channel, state json, token
--#include ledger-status-fn.lua
local added = redis.call('ZADD', KEYS[1], 'NX', ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
if redis.call('ZSCORE', KEYS[2], ARGV[1]) then set_status(KEYS[3], ARGV[1], ARGV[4], ARGV[5]) end
if redis.call('GET', KEYS[4]) == ARGV[6] then redis.call('DEL', KEYS[4]) end
return added
