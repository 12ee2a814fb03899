-- restore_dump: put back a whole key a backup holds as DUMP serialised it, once, never over another value.
--
-- KEYS[1]  the key
-- ARGV[1]  the TTL in ms the key had when it was backed up; 0 when it had none
-- ARGV[2]  the DUMP payload
-- Reply    {restored, skipped, 0}: {1, 0, 0} restored; {0, 1, 0} the key exists (the same value, or another
--          one a restore must not replace): nothing was touched
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {0, 1, 0}
end
redis.call('RESTORE', KEYS[1], tonumber(ARGV[1]), ARGV[2])
return {1, 0, 0}
