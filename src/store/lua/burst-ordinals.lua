-- Gives each alert of one feed's poll a stable ordinal per channel: the first time an alert id is
-- offered on a channel it takes the channel's next number, offered again (a retried match job,
-- another process) it gets the same one, so a retry never moves an alert across the burst.
-- KEYS[1] the poll's burst hash
-- ARGV: ttl ms, then channel, alert id pairs
-- Returns the ordinals, in pair order.
local out = {}
for i = 2, #ARGV, 2 do
  local field = 'o:' .. ARGV[i] .. ':' .. ARGV[i + 1]
  local n = redis.call('HGET', KEYS[1], field)
  if not n then
    n = redis.call('HINCRBY', KEYS[1], 'n:' .. ARGV[i], 1)
    redis.call('HSET', KEYS[1], field, n)
  end
  out[#out + 1] = tonumber(n)
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return out
