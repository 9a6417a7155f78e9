-- Records this deployment's identity in Redis unless one is there already (first writer wins).
-- KEYS[1] the deployment hash
-- ARGV: id, createdAt (epoch ms), resyncBefore (epoch ms, or '' when no data was lost)
-- Returns the hash's fields as a flat list (the one written, or the one found).
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'id', ARGV[1], 'createdAt', ARGV[2])
  if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'resyncBefore', ARGV[3]) end
end
return redis.call('HGETALL', KEYS[1])
