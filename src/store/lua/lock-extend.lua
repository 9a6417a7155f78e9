-- Locks are taken with `SET key <random token> PX ttl NX`; only the token's holder may extend or
-- release one, so a holder whose lock lapsed cannot touch the next holder's.
-- KEYS[1] the lock
-- ARGV: token, new lifetime ms
-- Returns 1 when extended, 0 when the token no longer holds it.
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
