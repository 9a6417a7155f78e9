-- Adds the alert once, then trims the oldest beyond the cap (their data and delivery states
-- too: only `recent` reads them, so a state outliving its alert would be kept for nothing).
-- The state keys share the prefix, hence the hash tag and slot, of KEYS.
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
