-- Adds the alert once, then trims the alerts older than `age` before it (a bounded number per
-- call; measured from the alert recorded, which is about now, so alerts leave by age and a late
-- retry of an old one trims nothing newer) and the oldest beyond the cap, which only bounds
-- memory: a flood does not push the others out. Their data and delivery states go too: only
-- `recent` reads them, so a state outliving its alert would be kept for nothing.
-- The statuses hash shares the prefix, hence the hash tag and slot, of KEYS.
local function forget(recent, data, statuses, ids)
  for _, old_id in ipairs(ids) do
    redis.call('ZREM', recent, old_id)
    redis.call('HDEL', data, old_id)
    redis.call('HDEL', statuses, old_id)
  end
end

local function record(recent, data, id, score, json, max, statuses, age)
  if redis.call('ZADD', recent, 'NX', score, id) == 0 then return 0 end
  redis.call('HSET', data, id, json)
  if age and age ~= '' then
    local cutoff = tonumber(score) - tonumber(age)
    forget(recent, data, statuses,
      redis.call('ZRANGEBYSCORE', recent, '-inf', '(' .. cutoff, 'LIMIT', 0, 1000))
  end
  max = tonumber(max)
  local n = redis.call('ZCARD', recent)
  if n > max then forget(recent, data, statuses, redis.call('ZRANGE', recent, 0, n - max - 1)) end
  return 1
end
