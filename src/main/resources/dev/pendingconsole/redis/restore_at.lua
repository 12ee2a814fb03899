-- restore_at: put one backed-up entry back at the index it was removed from, once.
--
-- KEYS[1]  the buffer key
-- ARGV[1]  the TTL in ms the buffer had when the backup was taken; -1 when it had none
-- ARGV[2]  the index (0-based) the entry had
-- ARGV[3]  the entry (exact bytes)
-- ARGV[4]  a tombstone value no real entry can equal (random, chosen by the caller)
-- Reply    {restored, skipped, length afterwards}
--
-- Idempotent: when the entry already sits at that index, nothing is added (skipped 1). Otherwise it is
-- inserted before whatever is at the index now (appended when the list is shorter): the entry at the index
-- is swapped for the tombstone so that LINSERT finds exactly that place even among equal values, then put
-- back. TTL as restore_head: the recorded one, never shorter than what the key has. Atomic, so the index
-- cannot move between the check and the insert.
local ttl = tonumber(ARGV[1])
local index = tonumber(ARGV[2])
local before = redis.call('PTTL', KEYS[1])
local length = redis.call('LLEN', KEYS[1])
if index < length and redis.call('LINDEX', KEYS[1], index) == ARGV[3] then
  return {0, 1, length}
end
if index >= length then
  redis.call('RPUSH', KEYS[1], ARGV[3])
else
  local there = redis.call('LINDEX', KEYS[1], index)
  redis.call('LSET', KEYS[1], index, ARGV[4])
  redis.call('LINSERT', KEYS[1], 'BEFORE', ARGV[4], ARGV[3])
  redis.call('LSET', KEYS[1], index + 1, there)
end
if ttl > 0 and (before == -2 or (before >= 0 and before < ttl)) then
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return {1, 0, redis.call('LLEN', KEYS[1])}
