-- Replaces a hash with the given fields in one step (a feed's saved state).
-- KEYS[1] the hash
-- ARGV: field, value, field, value, ...
redis.call('DEL', KEYS[1])
return redis.call('HSET', KEYS[1], unpack(ARGV))
