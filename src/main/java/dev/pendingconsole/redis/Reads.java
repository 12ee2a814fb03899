package dev.pendingconsole.redis;

import java.util.List;
import java.util.Map;

/**
 * The reads the product sends on its own, outside scripts and pipelines: binary-safe keys and values,
 * answers in plain JDK types, nothing of the client library. {@link RedisGateway#read} hands one to its
 * callers: it has no command that writes, so a read cannot change anything whatever the connection.
 * The writes are {@link Commands}, handed out by {@link RedisGateway#write} alone.
 */
public interface Reads {

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

    /** The key's value as DUMP serialises it (RESTORE takes it back); null when the key does not exist. */
    byte[] dump(byte[] key);

    /** A CONFIG GET parameter's value, or null when the server has no such parameter. */
    String configGet(String parameter);

    /** A stream's last {@code count} entries, newest first (XREVRANGE + - COUNT); none when the key does not exist. */
    List<StreamEntry> xrevrange(byte[] key, int count);

    /** One entry of a stream: its id ({@code <ms>-<seq>}) and its fields as UTF-8 text, in order. */
    record StreamEntry(String id, Map<String, String> fields) {
    }
}
