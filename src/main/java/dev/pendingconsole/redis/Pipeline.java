package dev.pendingconsole.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

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
    /** On a cluster, the lean connections to its masters and which one owns a key. */
    private final Routes routes;

    /**
     * A cluster's masters for one batch: node id to its connection, and a key's connection by its slot (the
     * partitions Lettuce keeps). A command a master answers with MOVED or ASK (slots moving while the
     * scan runs) is sent again through Lettuce, which follows redirections.
     */
    record Routes(Map<String, RespConnection> masters, Function<byte[], RespConnection> byKey) {
    }

    /** Through Lettuce. */
    Pipeline(RedisGateway gateway, RedisClusterAsyncCommands<byte[], byte[]> async, StatefulConnection<byte[], byte[]> connection) {
        this(gateway, async, connection, null, null);
    }

    /** On one server's lean connection. */
    Pipeline(RedisGateway gateway, RespConnection resp) {
        this(gateway, null, null, resp, null);
    }

    /** On a cluster's lean connections, one per master. */
    Pipeline(RedisGateway gateway, Routes routes) {
        this(gateway, null, null, null, routes);
    }

    private Pipeline(RedisGateway gateway, RedisClusterAsyncCommands<byte[], byte[]> async,
                     StatefulConnection<byte[], byte[]> connection, RespConnection resp, Routes routes) {
        this.gateway = gateway;
        this.async = async;
        this.connection = connection;
        this.resp = resp;
        this.routes = routes;
    }

    private boolean isLean() {
        return resp != null || routes != null;
    }

    /** The same command through Lettuce, read from the lean command's arguments. */
    private interface Again extends BiFunction<RedisClusterCommands<byte[], byte[]>, byte[][], Object> {
    }

    /**
     * {@code args} (whose second is the key) on the key's lean connection; {@code again} sends the same
     * through Lettuce. It reads the arguments rather than capture them, so a command on one server makes no
     * object for it: a JVM running C1 alone makes each captured lambda through a call into the VM, three a
     * scanned key.
     */
    private <T> Reply<T> lean(Function<Object, T> convert, Again again, byte[]... args) {
        if (routes == null) {
            return new Reply<>(gateway, resp.send(args), convert);
        }
        Future<Object> sent = routes.byKey().apply(args[1]).send(args);
        return new Reply<>(gateway, new Redirected(sent, () -> gateway.lettuce(r -> again.apply(r, args))), convert);
    }

    /** A cluster reply that, answered MOVED or ASK, is fetched again through Lettuce. */
    private static final class Redirected extends OnDemand<Object> {
        private final Future<Object> sent;
        private final Supplier<Object> again;

        Redirected(Future<Object> sent, Supplier<Object> again) {
            this.sent = sent;
            this.again = again;
        }

        @Override
        public Object get() throws ExecutionException, InterruptedException {
            try {
                return sent.get();
            } catch (ExecutionException e) {
                String message = String.valueOf(e.getCause() == null ? null : e.getCause().getMessage());
                if (message.startsWith("MOVED ") || message.startsWith("ASK ")) {
                    return again.get();
                }
                throw e;
            }
        }

        @Override
        public boolean isDone() {
            return sent.isDone();
        }
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
            return new Reply<>(gateway, resp.send(RespCommands.scanArgs(from.cursor().getCursor(), match, count)), RespCommands::page);
        }
        if (routes != null) {
            return leanClusterScan(from, match, count);
        }
        if (!(connection instanceof StatefulRedisClusterConnection<byte[], byte[]> cluster)) {
            return new Reply<>(gateway, async.scan(from.cursor(), ScanArgs.Builder.matches(match).limit(count)), KeyScan::of);
        }
        Map<String, ScanCursor> cursors = from.isStart() ? mastersOf(cluster) : from.masters();
        ScanArgs args = ScanArgs.Builder.matches(match).limit(perMaster(count, cursors.size()));
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

    /** As the Lettuce cluster scan below: every master still being walked asked at once, on its own connection. */
    private Reply<KeyScan> leanClusterScan(KeyScan from, String match, int count) {
        Map<String, ScanCursor> cursors = new LinkedHashMap<>();
        if (from.isStart()) {
            routes.masters().keySet().forEach(node -> cursors.put(node, ScanCursor.INITIAL));
        } else {
            cursors.putAll(from.masters());
        }
        int each = perMaster(count, cursors.size());
        Map<String, RespConnection.Slot> pages = new LinkedHashMap<>();
        cursors.forEach((node, cursor) -> pages.put(node,
                routes.masters().get(node).send(RespCommands.scanArgs(cursor.getCursor(), match, each))));
        Future<KeyScan> all = new FutureTask<>(() -> {
            Map<String, ScanCursor> unfinished = new LinkedHashMap<>();
            List<byte[]> keys = new ArrayList<>();
            for (Map.Entry<String, RespConnection.Slot> page : pages.entrySet()) {
                KeyScan one;
                try {
                    one = RespCommands.page(page.getValue().get());
                } catch (ExecutionException e) {
                    throw (Exception) e.getCause();
                }
                keys.addAll(one.keys());
                if (!one.isFinished()) {
                    unfinished.put(page.getKey(), one.cursor());
                }
            }
            return KeyScan.ofMasters(unfinished, keys);
        }) {
            @Override
            public KeyScan get(long timeout, TimeUnit unit)
                    throws InterruptedException, ExecutionException {
                run(); // computed by whoever waits first; the sockets' read timeout bounds it
                return get();
            }
        };
        return new Reply<>(gateway, all, Function.identity());
    }

    /** A batch's share for each master walked at once: about {@code count / masters}, ten at the least. */
    private static int perMaster(int count, int masters) {
        return Math.max(10, (count + masters - 1) / Math.max(1, masters));
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
        return isLean() ? lean(RespCommands::as, (r, a) -> r.pttl(a[1]), RespCommands.PTTL, key) : Reply.of(gateway, async.pttl(key));
    }

    public Reply<String> type(byte[] key) {
        return isLean() ? lean(RespCommands::as, (r, a) -> r.type(a[1]), RespCommands.TYPE, key) : Reply.of(gateway, async.type(key));
    }

    public Reply<Long> llen(byte[] key) {
        return isLean() ? lean(RespCommands::as, (r, a) -> r.llen(a[1]), RespCommands.LLEN, key) : Reply.of(gateway, async.llen(key));
    }

    public Reply<List<byte[]>> lrange(byte[] key, long start, long stop) {
        return isLean() ? lean(RespCommands::as, (r, a) -> r.lrange(a[1], decimal(a[2]), decimal(a[3])), RespCommands.LRANGE, key,
                RespCommands.ascii(Long.toString(start)), RespCommands.ascii(Long.toString(stop))) : Reply.of(gateway, async.lrange(key, start, stop));
    }

    /** The fields' values, in order, null where a field (or the hash) is missing. */
    public Reply<List<byte[]>> hmget(byte[] key, byte[]... fields) {
        if (isLean()) {
            return lean(RespCommands::as, (r, a) -> values(r.hmget(a[1], Arrays.copyOfRange(a, 2, a.length))),
                    RespCommands.withKey(RespCommands.HMGET, key, fields));
        }
        return new Reply<>(gateway, async.hmget(key, fields), Pipeline::values);
    }

    private static long decimal(byte[] ascii) {
        return Long.parseLong(new String(ascii, StandardCharsets.US_ASCII));
    }

    static List<byte[]> values(List<KeyValue<byte[], byte[]>> pairs) {
        List<byte[]> out = new ArrayList<>(pairs.size());
        for (KeyValue<byte[], byte[]> kv : pairs) {
            out.add(kv.hasValue() ? kv.getValue() : null);
        }
        return out;
    }
}
