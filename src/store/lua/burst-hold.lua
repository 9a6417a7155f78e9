-- Holds alerts past the burst for their channel's summary. An alert is held once, in the round
-- open when it first came (a retried match job finds it there); a summary that starts sending
-- closes its round, so an alert arriving later opens the next round and its own summary.
-- The round hashes share the prefix, hence the hash tag and slot, of KEYS[1].
-- KEYS[1] the poll's burst hash
-- ARGV: ttl ms, now ms, prefix of the round hashes, then channel, alert id, alert json triples
-- Returns each alert's round, in triple order.
local st, ttl, now, heldPrefix = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
local out = {}
for i = 4, #ARGV, 3 do
  local ch, id = ARGV[i], ARGV[i + 1]
  local hf = 'h:' .. ch .. ':' .. id
  local round = redis.call('HGET', st, hf)
  if not round then
    round = redis.call('HGET', st, 'r:' .. ch) or '1'
    redis.call('HSET', st, hf, round)
    local held = heldPrefix .. ch .. ':' .. round
    redis.call('HSET', held, id, ARGV[i + 2])
    redis.call('PEXPIRE', held, ttl)
    redis.call('HSET', st, 't:' .. ch, now)
    redis.call('HSETNX', st, 'f:' .. ch, now)
  end
  out[#out + 1] = tonumber(round)
end
redis.call('PEXPIRE', st, ttl)
return out
