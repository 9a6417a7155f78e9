-- Releases a lock only for the holder of its token (see lock-extend.lua).
-- KEYS[1] the lock
-- ARGV: token
-- Returns 1 when released, 0 when the token no longer holds it.
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
