package dev.pendingconsole.redis;

import java.util.List;
import java.util.Map;

/**
 * The commands the product sends on its own, outside scripts and pipelines: binary-safe keys and values,
 * answers in plain JDK types, nothing of the client library. {@link RedisGateway#read} and
 * {@link RedisGateway#write} hand one to their callers; anything more goes into a script or stays in this
 * package.
 */
public interface Commands {

    /** Milliseconds to live; -1 without a TTL, -2 when the key does not exist. */
    Long pttl(byte[] key);

    Long llen(byte[] key);

    /** The key's type: "list", "string", "hash", ... or "none". */
    String type(byte[] key);

    List<byte[]> lrange(byte[] key, long start, long stop);

    byte[] lindex(byte[] key, long index);

    byte[] get(byte[] key);

    /** Bytes {@code start..end} of a string value (a huge one is never read whole). */
    byte[] getrange(byte[] key, long start, long end);

    /** How many fields a hash has. */
    Long hlen(byte[] key);

    /** The fields' values in order, null where a field (or the hash) is missing. */
    List<byte[]> hmget(byte[] key, byte[]... fields);

    /** Every field of a hash, in the server's order, as UTF-8 text (empty: no hash). */
    Map<String, String> hgetall(byte[] key);

    String info(String section);

    /** CLUSTER NODES as the server writes it. */
    String clusterNodes();

    Long dbsize();

    Boolean pexpire(byte[] key, long millis);

    Boolean persist(byte[] key);

    Long del(byte[]... keys);
}
