-- One atomic step per poll. For each item: ZADD NX into the feed's seen-set (1 = first time this
-- feed shows this key) and, when it has a link, ZADD NX into the global story set keyed by the
-- canonical link (1 = no feed carried this story before). New only when both say so; a changed
-- GUID under a known link, or a story another feed already brought, is not new. Every item in the
-- document gets its last-seen time refreshed, then entries older than the retention are trimmed;
-- items still in the document were just refreshed, so they are never forgotten.
-- KEYS[1] the feed's seen-set, KEYS[2] the story set
-- ARGV: now, cutoff, then pairs of (key, link-or-empty)
-- Returns 1/0 per item.
local now = ARGV[1]
local cutoff = ARGV[2]
local out = {}
for i = 3, #ARGV, 2 do
  local key = ARGV[i]
  local link = ARGV[i + 1]
  local fresh = redis.call('ZADD', KEYS[1], 'NX', now, key)
  if fresh == 0 then redis.call('ZADD', KEYS[1], 'XX', now, key) end
  if link ~= '' then
    local story = redis.call('ZADD', KEYS[2], 'NX', now, link)
    if story == 0 then
      redis.call('ZADD', KEYS[2], 'XX', now, link)
      fresh = 0
    end
  end
  out[#out + 1] = fresh
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. cutoff)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. cutoff)
return out
