-- push_checked: the backend's push (RPUSH, LTRIM to the cap, EXPIRE, LLEN), but only onto the buffer the
-- operator was shown: same length, and the entries it evicts are exactly the ones the plan listed.
--
-- KEYS[1]  the buffer key
-- KEYS[2]  optional: the turn meta hash; when given, push only while its status is "running", as today's
--          HTTP route does (same slot as the buffer under today's {sid} keys)
-- ARGV[1]  the payload (exact bytes)
-- ARGV[2]  the cap
-- ARGV[3]  the TTL in seconds
-- ARGV[4]  the length the plan expects before this push
-- ARGV[5..] the entries this push will evict from the head, oldest first (none when it evicts nothing)
-- Reply    {1, length after, evicted} when pushed
--          {0, length, 0}            when the buffer is not as planned: nothing was touched
--          {-1, length, 0}           when gated and no turn is running: nothing was touched
--
-- Atomic because a push from the backend or a drain may land at any moment: checking and pushing in one
-- script is what guarantees that a console push never evicts an entry nobody was shown.
local cap = tonumber(ARGV[2])
local length = redis.call('LLEN', KEYS[1])
if #KEYS > 1 and redis.call('HGET', KEYS[2], 'status') ~= 'running' then
  return {-1, length, 0}
end
if length ~= tonumber(ARGV[4]) then
  return {0, length, 0}
end
local evict = length + 1 - cap
if evict < 0 then
  evict = 0
end
if evict ~= #ARGV - 4 then
  return {0, length, 0}
end
if evict > 0 then
  local head = redis.call('LRANGE', KEYS[1], 0, evict - 1)
  for i = 1, evict do
    if head[i] ~= ARGV[4 + i] then
      return {0, length, 0}
    end
  end
end
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], -cap, -1)
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {1, redis.call('LLEN', KEYS[1]), evict}
