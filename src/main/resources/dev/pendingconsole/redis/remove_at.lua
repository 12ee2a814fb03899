-- remove_at: remove entries at their indices, only if every one of them still holds the bytes the operator saw.
--
-- KEYS[1]  the buffer key
-- ARGV[1]  a tombstone value no real entry can equal (random, chosen by the caller)
-- ARGV[2], ARGV[3], ...  pairs: an index (0-based) and the entry's expected bytes
-- Reply    {removed, remaining} when all were removed; {0, length} when any entry differs: nothing was touched
--
-- Atomic so that the checks and the removal see the same list: LSET marks each entry, one LREM removes the
-- marks, and no push or drain can slip between them and shift the indices.
local length = redis.call('LLEN', KEYS[1])
local n = (#ARGV - 1) / 2
for i = 0, n - 1 do
  local index = tonumber(ARGV[2 + 2 * i])
  if index >= length or redis.call('LINDEX', KEYS[1], index) ~= ARGV[3 + 2 * i] then
    return {0, length}
  end
end
for i = 0, n - 1 do
  redis.call('LSET', KEYS[1], tonumber(ARGV[2 + 2 * i]), ARGV[1])
end
redis.call('LREM', KEYS[1], 0, ARGV[1])
return {n, length - n}




