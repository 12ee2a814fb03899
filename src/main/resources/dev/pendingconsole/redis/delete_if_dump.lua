-- delete_if_dump: delete a key that is not a buffer, only if its value is still the one backed up.
--
-- KEYS[1]  the key (where a session's buffer belongs, holding another type)
-- ARGV[1]  the key's value as DUMP serialised it when the operator saw it
-- Reply    {1, 0} when deleted; {0, 0} when the key changed or is gone: nothing was touched
--
-- Atomic: DUMP and DEL see the same value, so a value written meanwhile is never deleted unseen.
if redis.call('DUMP', KEYS[1]) ~= ARGV[1] then
  return {0, 0}
end
redis.call('DEL', KEYS[1])
return {1, 0}
