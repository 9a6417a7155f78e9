-- Starts sending one round of a channel's summary. While alerts still join it (the last one held
-- less than the quiet time ago, and the round younger than the longest wait) it only says how
-- long to wait; then it closes the round, so later alerts open the next one, and returns the
-- round's alerts. A round already closed (a retried summary job) just returns them again.
-- KEYS[1] the poll's burst hash, KEYS[2] the round's held alerts
-- ARGV: channel, round, now ms, quiet ms, longest wait ms
-- Returns {ms to wait} or {0, alert json, alert json, ...}.
local st, ch, round, now = KEYS[1], ARGV[1], ARGV[2], tonumber(ARGV[3])
local current = redis.call('HGET', st, 'r:' .. ch) or '1'
if current == round then
  local last = tonumber(redis.call('HGET', st, 't:' .. ch) or '0')
  local first = tonumber(redis.call('HGET', st, 'f:' .. ch) or '0')
  local wait = math.min(last + tonumber(ARGV[4]), first + tonumber(ARGV[5])) - now
  if wait > 0 then return {wait} end
  redis.call('HSET', st, 'r:' .. ch, tonumber(round) + 1)
  redis.call('HDEL', st, 'f:' .. ch)
end
local out = redis.call('HVALS', KEYS[2])
table.insert(out, 1, 0)
return out
