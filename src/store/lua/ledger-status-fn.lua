-- Delivery states of the recent alerts live in one hash, field = alert id, value = a JSON object
-- of channel → state: a key per alert would grow the key count with the news.
local function set_status(statuses, id, channel, state)
  local raw = redis.call('HGET', statuses, id)
  local all = raw and cjson.decode(raw) or {}
  all[channel] = cjson.decode(state)
  redis.call('HSET', statuses, id, cjson.encode(all))
end
