-- Records an alert in the ledger's recent list.
-- KEYS[1] recent, KEYS[2] data
-- ARGV: id, score, json, max, statuses hash, age ms
--#include ledger-record-fn.lua
return record(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
