package dev.pendingconsole.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Reads queued on the gateway's pipeline connection and sent in one flush when
 * {@link RedisGateway#batch} returns: a batch of thousands costs one round trip. Each command gives a
 * {@link Reply} to await afterwards. Only reads: nothing here changes Redis.
 */
public final class Pipeline {

    private final RedisGateway gateway;
    private final RedisClusterAsyncCommands<byte[], byte[]> async;
    private final StatefulConnection<byte[], byte[]> connection;
    /** Where the gateway has one (one server, not a cluster), the lean connection the commands go out on. */
    private final RespConnection resp;

    Pipeline(RedisGateway gateway, RedisClusterAsyncCommands<byte[], byte[]> async, StatefulConnection<byte[], byte[]> connection) {
        this.gateway = gateway;
        this.async = async;
        this.connection = connection;
        this.resp = null;
    }

    Pipeline(RedisGateway gateway, RespConnection resp) {
        this.gateway = gateway;
        this.async = null;
        this.connection = null;
        this.resp = resp;
    }

    private static final byte[] SCAN = ascii("SCAN");
    private static final byte[] MATCH = ascii("MATCH");
    private static final byte[] COUNT = ascii("COUNT");
    private static final byte[] PTTL = ascii("PTTL");
    private static final byte[] TYPE = ascii("TYPE");
    private static final byte[] LLEN = ascii("LLEN");
    private static final byte[] LRANGE = ascii("LRANGE");
    private static final byte[] HMGET = ascii("HMGET");

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @SuppressWarnings("unchecked")
    private <T> Reply<T> lean(Function<Object, T> convert, byte[]... args) {
        return new Reply<>(gateway, resp.send(args), convert);
    }

    @SuppressWarnings("unchecked")
    private static <T> T as(Object reply) {
        return (T) reply;
    }

    /**
     * The next SCAN batch after {@code from}, of keys matching the glob {@code match}. On a cluster every
     * master still being walked is asked at once, about {@code count / masters} keys each, on its own
     * node connection in the same flush: the masters scan in parallel, and the batch's keys spread over
     * all of them, so the reads that follow do too (Lettuce's own cluster SCAN walks one node after
     * another).
     */
    public Reply<KeyScan> scan(KeyScan from, String match, int count) {
        if (resp != null) {
            return lean(reply -> {
                List<Object> page = as(reply);
                return KeyScan.of(new String((byte[]) page.get(0), java.nio.charset.StandardCharsets.US_ASCII), as(page.get(1)));
            }, SCAN, ascii(from.cursor().getCursor()), MATCH, match.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    COUNT, ascii(Integer.toString(count)));
        }
        if (!(connection instanceof StatefulRedisClusterConnection<byte[], byte[]> cluster)) {
            return new Reply<>(gateway, async.scan(from.cursor(), ScanArgs.Builder.matches(match).limit(count)), KeyScan::of);
        }
        Map<String, ScanCursor> cursors = from.isStart() ? mastersOf(cluster) : from.masters();
        ScanArgs args = ScanArgs.Builder.matches(match).limit(Math.max(10, (count + cursors.size() - 1) / Math.max(1, cursors.size())));
        Map<String, CompletableFuture<KeyScanCursor<byte[]>>> pages = new LinkedHashMap<>();
        cursors.forEach((node, cursor) -> pages.put(node,
                cluster.getConnection(node).async().scan(cursor, args).toCompletableFuture()));
        CompletableFuture<KeyScan> all = CompletableFuture.allOf(pages.values().toArray(CompletableFuture[]::new))
                .thenApply(ignored -> {
                    Map<String, ScanCursor> unfinished = new LinkedHashMap<>();
                    List<byte[]> keys = new ArrayList<>();
                    pages.forEach((node, page) -> {
                        KeyScanCursor<byte[]> p = page.join();
                        keys.addAll(p.getKeys());
                        if (!p.isFinished()) {
                            unfinished.put(node, p);
                        }
                    });
                    return KeyScan.ofMasters(unfinished, keys);
                });
        return new Reply<>(gateway, all, Function.identity());
    }

    private static Map<String, ScanCursor> mastersOf(StatefulRedisClusterConnection<byte[], byte[]> cluster) {
        Map<String, ScanCursor> out = new LinkedHashMap<>();
        for (RedisClusterNode node : cluster.getPartitions()) {
            if (node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.getSlots().isEmpty()) {
                out.put(node.getNodeId(), ScanCursor.INITIAL);
            }
        }
        return out;
    }

    public Reply<Long> pttl(byte[] key) {
        return resp != null ? lean(Pipeline::as, PTTL, key) : Reply.of(gateway, async.pttl(key));
    }

    public Reply<String> type(byte[] key) {
        return resp != null ? lean(Pipeline::as, TYPE, key) : Reply.of(gateway, async.type(key));
    }

    public Reply<Long> llen(byte[] key) {
        return resp != null ? lean(Pipeline::as, LLEN, key) : Reply.of(gateway, async.llen(key));
    }

    public Reply<List<byte[]>> lrange(byte[] key, long start, long stop) {
        return resp != null ? lean(Pipeline::as, LRANGE, key, ascii(Long.toString(start)), ascii(Long.toString(stop)))
                : Reply.of(gateway, async.lrange(key, start, stop));
    }

    /** The fields' values, in order, null where a field (or the hash) is missing. */
    public Reply<List<byte[]>> hmget(byte[] key, byte[]... fields) {
        if (resp != null) {
            byte[][] args = new byte[fields.length + 2][];
            args[0] = HMGET;
            args[1] = key;
            System.arraycopy(fields, 0, args, 2, fields.length);
            return lean(Pipeline::as, args);
        }
        return new Reply<>(gateway, async.hmget(key, fields), Pipeline::values);
    }

    static List<byte[]> values(List<KeyValue<byte[], byte[]>> pairs) {
        List<byte[]> out = new ArrayList<>(pairs.size());
        for (KeyValue<byte[], byte[]> kv : pairs) {
            out.add(kv.hasValue() ? kv.getValue() : null);
        }
        return out;
    }
}
