-- remove_tail: take back a push (Undo): remove the last entries only if they are still exactly the ones pushed.
--
-- KEYS[1]  the buffer key
-- ARGV     the pushed entries, oldest first (exact bytes)
-- Reply    {1, removed, remaining} when the tail matched and was removed
--          {0, 0, length}          when it did not (drained, or pushed to since): nothing was touched
--
-- Atomic for the same reason as clear_head: only what this console pushed, and only if still there.
local n = #ARGV
local length = redis.call('LLEN', KEYS[1])
if length < n then
  return {0, 0, length}
end
local tail = redis.call('LRANGE', KEYS[1], -n, -1)
for i = 1, n do
  if tail[i] ~= ARGV[i] then
    return {0, 0, length}
  end
end
redis.call('LTRIM', KEYS[1], 0, -(n + 1))
return {1, n, length - n}
