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

/**
 * Reads queued on the gateway's pipeline connection and sent in one flush when
 * {@link RedisGateway#batch} returns: a batch of thousands costs one round trip. Each command gives a
 * {@link Reply} to await afterwards. Only reads: nothing here changes Redis.
 */
public final class Pipeline {

    private final RedisGateway gateway;
    private final RedisClusterAsyncCommands<byte[], byte[]> async;
    private final StatefulConnection<byte[], byte[]> connection;

    Pipeline(RedisGateway gateway, RedisClusterAsyncCommands<byte[], byte[]> async, StatefulConnection<byte[], byte[]> connection) {
        this.gateway = gateway;
        this.async = async;
        this.connection = connection;
    }

    /**
     * The next SCAN batch after {@code from}, of keys matching the glob {@code match}. On a cluster every
     * master still being walked is asked at once, about {@code count / masters} keys each, on its own
     * node connection in the same flush: the masters scan in parallel, and the batch's keys spread over
     * all of them, so the reads that follow do too (Lettuce's own cluster SCAN walks one node after
     * another).
     */
    public Reply<KeyScan> scan(KeyScan from, String match, int count) {
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
        return new Reply<>(gateway, all, java.util.function.Function.identity());
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
        return Reply.of(gateway, async.pttl(key));
    }

    public Reply<String> type(byte[] key) {
        return Reply.of(gateway, async.type(key));
    }

    public Reply<Long> llen(byte[] key) {
        return Reply.of(gateway, async.llen(key));
    }

    public Reply<List<byte[]>> lrange(byte[] key, long start, long stop) {
        return Reply.of(gateway, async.lrange(key, start, stop));
    }

    /** The fields' values, in order, null where a field (or the hash) is missing. */
    public Reply<List<byte[]>> hmget(byte[] key, byte[]... fields) {
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
