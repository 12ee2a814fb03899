-- restore: put backed-up entries back at the head of a buffer, in their original order.
--
-- KEYS[1]  the buffer key
-- ARGV[1]  the TTL in seconds to apply afterwards, or 0 to leave the key's expiry as it is
-- ARGV[2..] the entries, oldest first (exact bytes)
-- Reply    the buffer's length afterwards
--
-- Atomic so that a drain never sees half a restore, and entries pushed meanwhile stay behind the
-- restored ones, as they were when the backup was taken. Nothing is trimmed: a restore that takes the
-- buffer over its cap leaves that for the next push to trim, rather than losing a message here.
for i = #ARGV, 2, -1 do
  redis.call('LPUSH', KEYS[1], ARGV[i])
end
local ttl = tonumber(ARGV[1])
if ttl > 0 then
  redis.call('EXPIRE', KEYS[1], ttl)
end
return redis.call('LLEN', KEYS[1])
