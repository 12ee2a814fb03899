-- push: append one message to a session's pending buffer, keep only the newest `cap` entries,
-- and refresh the buffer's TTL. The writes are the backend's _PUSH_LUA, line for line.
--
-- KEYS[1]  the buffer key (a list)
-- ARGV[1]  the message payload, exact bytes
-- ARGV[2]  the cap: how many entries the buffer keeps
-- ARGV[3]  the TTL in seconds, re-applied on every push
-- Reply    {length after trimming, length right after RPUSH}; their difference is how many of the
--          oldest entries this push evicted.
--
-- Atomic because a drain (LPOP) running concurrently must never see the new entry without the trim
-- and the expiry: it observes the buffer either before this push or after all of it.
local pushed = redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return {redis.call('LLEN', KEYS[1]), pushed}
