-- Starts a delivery: records the alert (when given), then takes the in-flight lock unless the
-- delivery is done.
-- KEYS[1] delivered, KEYS[2] lock, KEYS[3] recent, KEYS[4] data
-- ARGV: id, token, ttl, [score, json, max, statuses hash, age ms]
-- Returns -1 when delivered, -2 when acquired, else the lock's remaining ms (at least 1).
--#include ledger-record-fn.lua
if ARGV[4] then record(KEYS[3], KEYS[4], ARGV[1], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]) end
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return -1 end
if redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3], 'NX') then return -2 end
local left = redis.call('PTTL', KEYS[2])
if left < 1 then return 1 end
return left
