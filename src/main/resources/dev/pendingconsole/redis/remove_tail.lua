-- remove_tail: take back a push (Undo): remove the last entries only if they are still exactly the ones
-- pushed, and give the buffer back the expiry it had before the push.
--
-- KEYS[1]  the buffer key
-- ARGV[1]  the TTL in ms to set afterwards: the time the buffer had left before the push; -1 when it had
--          no TTL (PERSIST); 0 to leave it as it is
-- ARGV[2..] the pushed entries, oldest first (exact bytes)
-- Reply    {1, removed, remaining} when the tail matched and was removed
--          {0, 0, length}          when it did not (drained, or pushed to since): nothing was touched
--
-- Atomic for the same reason as clear_head: only what this console pushed, and only if still there.
local n = #ARGV - 1
local ttl = tonumber(ARGV[1])
local length = redis.call('LLEN', KEYS[1])
if length < n then
  return {0, 0, length}
end
local tail = redis.call('LRANGE', KEYS[1], -n, -1)
for i = 1, n do
  if tail[i] ~= ARGV[i + 1] then
    return {0, 0, length}
  end
end
redis.call('LTRIM', KEYS[1], 0, -(n + 1))
if length > n then
  if ttl > 0 then
    redis.call('PEXPIRE', KEYS[1], ttl)
  elseif ttl < 0 then
    redis.call('PERSIST', KEYS[1])
  end
end
return {1, n, length - n}
