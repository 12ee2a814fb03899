package dev.pendingconsole.redis;


/**
 * {@link Reads} and the few plain writes the write door sends outside its scripts (a TTL, a key removed).
 * Only {@link RedisGateway#write} hands one out, and only after the read-only check.
 */
public interface Commands extends Reads {

    Boolean pexpire(byte[] key, long millis);

    Boolean persist(byte[] key);

    Long del(byte[]... keys);
}
