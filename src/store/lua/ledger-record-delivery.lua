-- Records a delivery state only while the alert is among the recent ones, so a late retry of a
-- trimmed alert leaves no state behind.
-- KEYS[1] recent, KEYS[2] statuses
-- ARGV: id, channel, state json
--#include ledger-status-fn.lua
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
set_status(KEYS[2], ARGV[1], ARGV[2], ARGV[3])
return 1
