-- clear_head: remove exactly the entries an operator saw, and only if they are still the head of the list.
--
-- KEYS[1]  the buffer key
-- ARGV     the entries that were displayed, in list order (exact bytes)
-- Reply    {1, removed, remaining}  when the head matched and was removed
--          {0, 0, length}          when the list changed (or is gone): nothing was touched
--
-- Atomic because a push or drain may run at any moment: comparing the head and trimming it in one
-- script is what guarantees that a message pushed after the operator looked stays, and that nothing
-- the operator did not see is removed.
local n = #ARGV
local length = redis.call('LLEN', KEYS[1])
if length < n then
  return {0, 0, length}
end
local head = redis.call('LRANGE', KEYS[1], 0, n - 1)
for i = 1, n do
  if head[i] ~= ARGV[i] then
    return {0, 0, length}
  end
end
redis.call('LTRIM', KEYS[1], n, -1)
return {1, n, length - n}
