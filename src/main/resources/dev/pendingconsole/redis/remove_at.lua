-- remove_at: remove the one entry at an index, only if it still holds the bytes the operator saw.
--
-- KEYS[1]  the buffer key
-- ARGV[1]  the index (0-based)
-- ARGV[2]  the entry's expected bytes
-- ARGV[3]  a tombstone value no real entry can equal (random, chosen by the caller)
-- Reply    {1, remaining} when removed; {0, length} when the entry there differs: nothing was touched
--
-- Atomic so that the check and the removal see the same list: LSET marks the entry, LREM removes the
-- mark, and no push or drain can slip between them and shift the indices.
local index = tonumber(ARGV[1])
local length = redis.call('LLEN', KEYS[1])
if index >= length then
  return {0, length}
end
if redis.call('LINDEX', KEYS[1], index) ~= ARGV[2] then
  return {0, length}
end
redis.call('LSET', KEYS[1], index, ARGV[3])
redis.call('LREM', KEYS[1], 1, ARGV[3])
return {1, length - 1}
