-- restore_head: put backed-up entries back at the head of a buffer, in their original order, once.
--
-- KEYS[1]  the buffer key
-- ARGV[1]  the TTL in ms the buffer had when the backup was taken; -1 when it had none
-- ARGV[2..] the entries, oldest first (exact bytes)
-- Reply    {restored, skipped, length afterwards}
--
-- Idempotent: when the head already holds exactly these entries (a restore that already ran, or an Undo
-- clicked twice), nothing is added and they are counted as skipped. The recorded TTL comes back, but no
-- entry is made to expire sooner than it would have: a key that exists with a longer TTL (a push landed
-- since) or none at all keeps it. Atomic so that a drain never sees half a restore, and entries pushed
-- meanwhile stay behind the restored ones. Nothing is trimmed: over the cap is left to the next push.
local n = #ARGV - 1
local ttl = tonumber(ARGV[1])
local before = redis.call('PTTL', KEYS[1])
local length = redis.call('LLEN', KEYS[1])
if n > 0 and length >= n then
  local head = redis.call('LRANGE', KEYS[1], 0, n - 1)
  local same = true
  for i = 1, n do
    if head[i] ~= ARGV[i + 1] then
      same = false
      break
    end
  end
  if same then
    return {0, n, length}
  end
end
for i = #ARGV, 2, -1 do
  redis.call('LPUSH', KEYS[1], ARGV[i])
end
if ttl > 0 and (before == -2 or (before >= 0 and before < ttl)) then
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return {n, 0, redis.call('LLEN', KEYS[1])}
