package dev.pendingconsole.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.protocol.RedisProtocolException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Reads} on a {@link RespConnection}: each call sends one command, flushes and waits for its
 * reply. An error reply is raised as Lettuce's {@link RedisCommandExecutionException}, which the gateway
 * translates as it translates Lettuce's own.
 */
final class RespCommands implements Reads {

    static final byte[] SCAN = ascii("SCAN");
    static final byte[] PTTL = ascii("PTTL");
    static final byte[] TYPE = ascii("TYPE");
    static final byte[] LLEN = ascii("LLEN");
    static final byte[] LRANGE = ascii("LRANGE");
    static final byte[] HMGET = ascii("HMGET");
    private static final byte[] MATCH = ascii("MATCH");
    private static final byte[] COUNT = ascii("COUNT");

    private final RespConnection c;

    RespCommands(RespConnection c) {
        this.c = c;
    }

    /** SCAN's arguments: from {@code cursor}, keys matching the glob {@code match}, about {@code count} of them. */
    static byte[][] scanArgs(String cursor, String match, int count) {
        return new byte[][]{SCAN, ascii(cursor), MATCH, match.getBytes(StandardCharsets.UTF_8), COUNT, ascii(Integer.toString(count))};
    }

    /** A SCAN reply: the next cursor as the server wrote it, and the keys. */
    static KeyScan page(Object reply) {
        List<Object> page = as(reply);
        return KeyScan.of(text(page.get(0)), as(page.get(1)));
    }

    /** {@code command key rest...}: HMGET's arguments, a key then its fields. */
    static byte[][] withKey(byte[] command, byte[] key, byte[]... rest) {
        byte[][] args = new byte[rest.length + 2][];
        args[0] = command;
        args[1] = key;
        System.arraycopy(rest, 0, args, 2, rest.length);
        return args;
    }

    /** Whether a failure is the connection going away, as opposed to a timeout or an error reply. */
    static boolean isConnectionLoss(RuntimeException e) {
        return e instanceof RedisConnectionException && !(e.getCause() instanceof RedisProtocolException);
    }

    private Object call(byte[]... args) {
        RespConnection.Slot slot = c.send(args);
        c.flush();
        Object reply = slot.value();
        if (reply instanceof RespConnection.ServerError error) {
            throw new RedisCommandExecutionException(error.message());
        }
        return reply;
    }

    @SuppressWarnings("unchecked")
    static <T> T as(Object reply) {
        return (T) reply;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(Object reply) {
        return reply == null ? null : reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : reply.toString();
    }

    String ping() {
        return text(call(ascii("PING")));
    }

    /** One SCAN step from {@code from}. */
    KeyScan scan(KeyScan from, String match, int count) {
        return page(call(scanArgs(from.cursor().getCursor(), match, count)));
    }

    @Override
    public Long pttl(byte[] key) {
        return as(call(PTTL, key));
    }

    @Override
    public Long llen(byte[] key) {
        return as(call(LLEN, key));
    }

    @Override
    public String type(byte[] key) {
        return text(call(TYPE, key));
    }

    @Override
    public List<byte[]> lrange(byte[] key, long start, long stop) {
        return as(call(LRANGE, key, ascii(Long.toString(start)), ascii(Long.toString(stop))));
    }

    @Override
    public byte[] lindex(byte[] key, long index) {
        return as(call(ascii("LINDEX"), key, ascii(Long.toString(index))));
    }

    @Override
    public byte[] get(byte[] key) {
        return as(call(ascii("GET"), key));
    }

    @Override
    public byte[] getrange(byte[] key, long start, long end) {
        return as(call(ascii("GETRANGE"), key, ascii(Long.toString(start)), ascii(Long.toString(end))));
    }

    @Override
    public Long hlen(byte[] key) {
        return as(call(ascii("HLEN"), key));
    }

    @Override
    public List<byte[]> hmget(byte[] key, byte[]... fields) {
        return as(call(withKey(HMGET, key, fields)));
    }

    @Override
    public Map<String, String> hgetall(byte[] key) {
        List<Object> pairs = as(call(ascii("HGETALL"), key));
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            out.put(text(pairs.get(i)), text(pairs.get(i + 1)));
        }
        return out;
    }

    @Override
    public String info(String section) {
        return text(call(ascii("INFO"), section.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String clusterNodes() {
        return text(call(ascii("CLUSTER"), ascii("NODES")));
    }

    @Override
    public Long dbsize() {
        return as(call(ascii("DBSIZE")));
    }

    @Override
    public byte[] dump(byte[] key) {
        return as(call(ascii("DUMP"), key));
    }

    @Override
    public String configGet(String parameter) {
        List<Object> pair = as(call(ascii("CONFIG"), ascii("GET"), parameter.getBytes(StandardCharsets.UTF_8)));
        return pair.size() < 2 ? null : text(pair.get(1));
    }

    @Override
    public List<StreamEntry> xrevrange(byte[] key, int count) {
        List<Object> entries = as(call(ascii("XREVRANGE"), key, ascii("+"), ascii("-"), ascii("COUNT"), ascii(Integer.toString(count))));
        List<StreamEntry> out = new ArrayList<>(entries.size());
        for (Object entry : entries) {
            List<Object> idAndFields = as(entry);
            List<Object> pairs = as(idAndFields.get(1));
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                fields.put(text(pairs.get(i)), text(pairs.get(i + 1)));
            }
            out.add(new StreamEntry(text(idAndFields.get(0)), fields));
        }
        return out;
    }
}
