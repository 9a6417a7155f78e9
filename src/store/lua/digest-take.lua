-- Moves a digest's waiting alerts aside for sending, unless an earlier send is still pending
-- (then that one is sent again), and returns the alerts to send.
-- KEYS[1] waiting hash, KEYS[2] sending hash
if redis.call('EXISTS', KEYS[2]) == 0 and redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('RENAME', KEYS[1], KEYS[2])
end
return redis.call('HVALS', KEYS[2])
