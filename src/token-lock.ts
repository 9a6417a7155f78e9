// Lua for locks taken with `SET key <random token> PX ttl NX` (the feed poll lock, the ledger's
// in-flight lock): only the token's holder may extend or release one, so a holder whose lock
// lapsed cannot touch the next holder's. KEYS[1] the lock; ARGV[1] the token.

/** ARGV[2]: the new lifetime, ms. Returns 1 when extended, 0 when the token no longer holds it. */
export const EXTEND_IF_HELD = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

/** Returns 1 when released, 0 when the token no longer holds it. */
export const RELEASE_IF_HELD = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
