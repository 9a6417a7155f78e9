-- Bumps one time bucket of a stats hash, keeps the key alive, and drops buckets older than the
-- cutoff once there are more than the cap. Buckets are ISO prefixes: string order is time order.
-- KEYS[1] the stats hash
-- ARGV: bucket, increment, ttl ms, cap, cutoff bucket
redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if redis.call('HLEN', KEYS[1]) > tonumber(ARGV[4]) then
  for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
    if f < ARGV[5] then redis.call('HDEL', KEYS[1], f) end
  end
end
return 1
