-- Records a delivery state only while the alert is among the recent ones, so a late retry of a
-- trimmed alert leaves no state behind.
-- KEYS[1] recent, KEYS[2] status
-- ARGV: id, channel, state json, ttl ms
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 1
