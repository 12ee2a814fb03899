package dev.pendingconsole.redis;

import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.core.RedisTarget;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one way the application talks to Redis: a binary-safe connection to a standalone server, a
 * Sentinel-managed master or a cluster, which every read and write passes through, so errors are
 * translated to {@link RedisFailure} in one place, read-only targets refuse every write, and no call can
 * run on the JavaFX application thread.
 *
 * <p>Lettuce's automatic reconnection is off on purpose: with it, a command whose reply was lost is sent
 * again after reconnecting, which would duplicate a push or pop a second batch. Instead a broken connection is
 * replaced by a fresh one on the next call, and a write whose reply was lost is reported as
 * {@link RedisFailure.Kind#OUTCOME_UNKNOWN}. Thread-safe.
 */
public final class RedisGateway implements AutoCloseable {

    /** The JavaFX application thread's name; the core must not depend on JavaFX to recognise it. */
    static final String FX_THREAD_NAME = "JavaFX Application Thread";

    private final RedisTarget target;
    private final boolean cluster;
    /** Made on first use: on one server, reads never need Lettuce (nor Netty), and a CLI start is faster. */
    private ClientResources resources;
    private AbstractRedisClient client;
    private StatefulConnection<byte[], byte[]> connection;
    private StatefulConnection<byte[], byte[]> pipelineConnection;
    /**
     * On one server (not a cluster, not through Sentinel) reads go out on {@link RespConnection}s: one for
     * single reads, one for pipelined batches (so that a read is not queued behind a scan's replies).
     * Lettuce's per-command cost was most of a short process's scan time, and opening it most of a short
     * command's. Writes, scripts and subscriptions stay on Lettuce, which is opened when first needed.
     * {@code -Dpending.pipeline=lettuce} turns the lean path off, to compare.
     */
    private final boolean lean;
    private RespConnection respConnection;
    private RespConnection respReads;
    /** On a cluster, a lean connection per master for batches (by host:port); see {@link #clusterRoutes}. */
    private final boolean leanCluster = !"lettuce".equals(System.getProperty("pending.pipeline"));
    private final Map<String, RespConnection> clusterResp = new HashMap<>();
    private volatile String writesBlocked;

    private RedisGateway(RedisTarget target, boolean cluster) {
        this.target = target;
        this.cluster = cluster;
        this.lean = !cluster && leanPossible(target);
    }

    private static boolean leanPossible(RedisTarget target) {
        return target.mode() != RedisTarget.Mode.CLUSTER && !target.isSentinel()
                && !"lettuce".equals(System.getProperty("pending.pipeline"));
    }

    private synchronized AbstractRedisClient client() {
        if (client == null) {
            if (resources == null) {
                resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
            }
            Duration timeout = target.timeout();
            SocketOptions socket = SocketOptions.builder().connectTimeout(timeout).build();
            SslOptions ssl = target.caFile()
                    .map(ca -> SslOptions.builder().jdkSslProvider().trustManager(ca.toFile()).build())
                    .orElse(SslOptions.create());
            if (cluster) {
                RedisClusterClient c = RedisClusterClient.create(resources, uriOf(target));
                c.setOptions(ClusterClientOptions.builder().autoReconnect(false).socketOptions(socket).sslOptions(ssl)
                        .timeoutOptions(TimeoutOptions.enabled(timeout)).build());
                client = c;
            } else {
                RedisClient c = RedisClient.create(resources, uriOf(target));
                c.setOptions(ClientOptions.builder().autoReconnect(false).socketOptions(socket).sslOptions(ssl)
                        .timeoutOptions(TimeoutOptions.enabled(timeout)).build());
                client = c;
            }
        }
        return client;
    }

    /**
     * Connects now, so that a wrong address, password or certificate is reported here. In
     * {@link RedisTarget.Mode#AUTO} a cluster-enabled server is opened as a cluster.
     */
    public static RedisGateway open(RedisTarget target) {
        guardThread();
        boolean cluster = target.mode() == RedisTarget.Mode.CLUSTER;
        RedisGateway gateway = new RedisGateway(target, cluster);
        try {
            if (gateway.lean) {
                gateway.ping();
            } else {
                gateway.connection();
            }
            if (target.mode() == RedisTarget.Mode.AUTO && !target.isSentinel() && gateway.isClusterEnabled()) {
                gateway.connection = null; // the client's shutdown closes it: closing it first too makes Lettuce warn
                gateway.close();
                gateway = new RedisGateway(target, true);
                gateway.connection();
            }
            return gateway;
        } catch (RedisFailure e) {
            gateway.close();
            if (e.kind() == RedisFailure.Kind.TIMEOUT && target.isTls()) {
                throw new RedisFailure(e.kind(), e.getMessage() + " during the TLS handshake; is the port a TLS one?"
                        + " A plain Redis port never answers a handshake", e);
            }
            throw e;
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    /** PING on the lean read connection: the address, the credentials and TLS are good. */
    private void ping() {
        read(r -> ((RespCommands) r).ping());
    }

    /** Lettuce's form of the target: the URL as given, with the timeout and the TLS verification chosen. */
    private static RedisURI uriOf(RedisTarget target) {
        RedisURI uri;
        try {
            uri = RedisURI.create(target.secretUrl());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid Redis URL: " + target);
        }
        uri.setTimeout(target.timeout());
        if (target.isTls()) {
            uri.setVerifyPeer(target.verifyPeer());
        }
        return uri;
    }

    public RedisTarget target() {
        return target;
    }

    public boolean isCluster() {
        return cluster;
    }

    public boolean isReadOnly() {
        return target.isReadOnly() || writesBlocked != null;
    }

    /** Why writes are refused here (read-only target, or no write permission found), or null. */
    public String readOnlyReason() {
        return target.isReadOnly() ? "this connection was opened read-only" : writesBlocked;
    }

    /** Refuses every later write with {@code reason}, as a read-only target does. */
    public void blockWrites(String reason) {
        writesBlocked = reason;
    }

    /** Runs a read with the product's {@link Reads}, which cannot write; any failure becomes a {@link RedisFailure}. */
    public <T> T read(Function<Reads, T> call) {
        if (!lean) {
            return lettuce(r -> call.apply(new LettuceCommands(r)));
        }
        guardThread();
        RespConnection c;
        boolean fresh;
        synchronized (this) {
            fresh = respReads == null || !respReads.isOpen();
            c = fresh ? replaceReads(respReads) : respReads;
        }
        try {
            return call.apply(new RespCommands(c));
        } catch (RuntimeException e) {
            if (fresh || !RespCommands.isConnectionLoss(e)) {
                throw Failures.of(e, target.address());
            }
        }
        // the idle connection had gone (a restarted server, an idle timeout): Lettuce would have seen it close
        // and connected again for this call; a read can be sent again on a new connection without harm
        try {
            return call.apply(new RespCommands(replaceReads(c)));
        } catch (RuntimeException e) {
            throw Failures.of(e, target.address());
        }
    }

    /**
     * A new read connection in place of {@code broken}; if another thread replaced it already, that one.
     * (Two readers that both lost the old connection must not close each other's new one.)
     */
    private synchronized RespConnection replaceReads(RespConnection broken) {
        if (respReads != broken && respReads != null && respReads.isOpen()) {
            return respReads;
        }
        if (respReads != null) {
            respReads.close();
            respReads = null;
        }
        respReads = openLean();
        return respReads;
    }

    /** A new lean connection to the target; a failure to connect is a {@link RedisFailure}. */
    private RespConnection openLean() {
        try {
            return RespConnection.open(uriOf(target), target.caFile().orElse(null));
        } catch (RuntimeException e) {
            throw Failures.of(e, target.address());
        }
    }

    /**
     * Runs a write with the product's {@link Commands}; see {@link #lettuceWrite} for what a lost reply
     * means. A read-only target refuses it.
     */
    public <T> T write(String action, Function<Commands, T> call) {
        return lettuceWrite(action, r -> call.apply(new LettuceCommands(r)));
    }

    /**
     * Runs a read with the whole Lettuce API, for this package, the devtools (the bench's raw baselines,
     * the sandbox's seeding) and the tests; the product's other code uses {@link #read}.
     */
    public <T> T lettuce(Function<RedisClusterCommands<byte[], byte[]>, T> call) {
        guardThread();
        try {
            return call.apply(sync());
        } catch (RuntimeException e) {
            throw Failures.of(e, target.address());
        }
    }

    /**
     * Runs a write that must not be repeated blindly; a lost reply becomes
     * {@link RedisFailure.Kind#OUTCOME_UNKNOWN} naming {@code action}. A read-only target refuses it.
     */
    public <T> T lettuceWrite(String action, Function<RedisClusterCommands<byte[], byte[]>, T> call) {
        guardThread();
        refuseIfReadOnly(action);
        RedisClusterCommands<byte[], byte[]> commands;
        try {
            commands = sync();
        } catch (RuntimeException e) {
            throw Failures.of(e, target.address()); // not sent: the outcome is known
        }
        try {
            return call.apply(commands);
        } catch (RuntimeException e) {
            RedisFailure failure = Failures.ofWrite(e, target.address(), action);
            if (failure.kind() == RedisFailure.Kind.READ_ONLY && target.isSentinel()) {
                // a failover demoted the server we were on; READONLY means nothing was written, so asking
                // Sentinel for the new master and sending the write once more is not a blind retry
                closeConnection();
                try {
                    return call.apply(sync());
                } catch (RuntimeException again) {
                    throw Failures.ofWrite(again, target.address(), action);
                }
            }
            throw failure;
        }
    }

    /**
     * Runs a Lua script that writes and answers a list of integers (every script of the write door does),
     * with {@link #write}'s rules: refused when read-only, a lost reply is an unknown outcome.
     */
    public List<Long> script(String action, LuaScript script, byte[][] keys, byte[]... args) {
        return lettuceWrite(action, r -> script.run(r, ScriptOutputType.MULTI, keys, args));
    }

    /**
     * Walks every key matching {@code match} with SCAN (never KEYS), {@code count} at a time, across every
     * master of a cluster; {@code batch} gets each batch of keys as it comes.
     */
    public void scanKeys(String match, int count, Consumer<List<byte[]>> batch) {
        if (lean) {
            KeyScan page = KeyScan.start();
            do {
                KeyScan from = page;
                page = read(r -> ((RespCommands) r).scan(from, match, count));
                batch.accept(page.keys());
            } while (!page.isFinished());
            return;
        }
        ScanArgs args = ScanArgs.Builder.matches(match).limit(count);
        ScanCursor cursor = ScanCursor.INITIAL;
        while (true) {
            ScanCursor from = cursor;
            KeyScanCursor<byte[]> page = lettuce(r -> r.scan(from, args));
            batch.accept(page.getKeys());
            if (page.isFinished()) {
                return;
            }
            cursor = page;
        }
    }

    /** Throws the read-only refusal for {@code action} when this target may not write. */
    public void refuseIfReadOnly(String action) {
        if (isReadOnly()) {
            throw new RedisFailure(RedisFailure.Kind.READ_ONLY_MODE,
                    "read-only: " + action + " refused (" + readOnlyReason() + ")", null);
        }
    }

    /**
     * For pipelined reads: commands issued on the async interface are sent without waiting for replies;
     * the caller awaits their futures. Failures surface from the futures and are translated by
     * {@link #failure}.
     */
    public <T> T pipelined(Function<RedisClusterAsyncCommands<byte[], byte[]>, T> call) {
        guardThread();
        try {
            return call.apply(async());
        } catch (RuntimeException e) {
            throw Failures.of(e, target.address());
        }
    }

    /**
     * For bulk reads: commands issued by {@code call} go out on a connection of their own in one flush
     * (auto-flush off; on a cluster they go out as issued, still without waiting for replies), so a batch of
     * thousands costs one round trip. The caller awaits the
     * futures it gets back. Serialised: one batch is issued at a time.
     */
    public synchronized <T> T batch(Function<Pipeline, T> call) {
        guardThread();
        if (cluster && leanCluster) {
            Pipeline.Routes routes;
            try {
                routes = clusterRoutes();
            } catch (RuntimeException e) {
                throw Failures.of(e, target.address());
            }
            try {
                T result = call.apply(new Pipeline(this, routes));
                clusterResp.values().forEach(RespConnection::flush); // every master's, and any found since
                return result;
            } catch (RuntimeException e) {
                throw Failures.of(e, target.address());
            }
        }
        if (lean) {
            try {
                RespConnection c = respConnection();
                T result = call.apply(new Pipeline(this, c));
                c.flush();
                return result;
            } catch (RuntimeException e) {
                throw Failures.of(e, target.address());
            }
        }
        try {
            StatefulConnection<byte[], byte[]> c = pipelineConnection();
            T result = call.apply(new Pipeline(this, asyncOf(c), c));
            c.flushCommands();
            return result;
        } catch (RuntimeException e) {
            throw Failures.of(e, target.address());
        }
    }

    @SuppressWarnings("unchecked")
    private RedisClusterAsyncCommands<byte[], byte[]> asyncOf(StatefulConnection<byte[], byte[]> c) {
        return cluster ? ((StatefulRedisClusterConnection<byte[], byte[]>) c).async()
                : ((StatefulRedisConnection<byte[], byte[]>) c).async();
    }

    /**
     * The masters as Lettuce's partitions list them, each with a lean connection of its own (opened once,
     * replaced when the server closed it), and the owner of each key's slot.
     */
    private Pipeline.Routes clusterRoutes() {
        Partitions partitions =
                ((StatefulRedisClusterConnection<byte[], byte[]>) connection()).getPartitions();
        Map<String, RespConnection> masters = new LinkedHashMap<>();
        for (RedisClusterNode node : partitions) {
            if (node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.getSlots().isEmpty()) {
                masters.put(node.getNodeId(), nodeConnection(node.getUri()));
            }
        }
        return new Pipeline.Routes(masters, key -> {
            RedisClusterNode owner =
                    partitions.getPartitionBySlot(SlotHash.getSlot(key));
            if (owner == null) {
                return masters.values().iterator().next(); // a slot nobody serves: a master answers with the cluster's error
            }
            RespConnection c = masters.get(owner.getNodeId());
            return c != null ? c : nodeConnection(owner.getUri());
        });
    }

    private RespConnection nodeConnection(RedisURI node) {
        String address = node.getHost() + ":" + node.getPort();
        RespConnection c = clusterResp.get(address);
        if (c == null || !c.stillThere()) {
            RedisURI uri = uriOf(target);
            uri.setHost(node.getHost());
            uri.setPort(node.getPort());
            c = RespConnection.open(uri, target.caFile().orElse(null));
            clusterResp.put(address, c);
        }
        return c;
    }

    private RespConnection respConnection() {
        if (respConnection == null || !respConnection.stillThere()) {
            respConnection = null;
            respConnection = openLean();
        }
        return respConnection;
    }

    private StatefulConnection<byte[], byte[]> pipelineConnection() {
        if (pipelineConnection == null || !pipelineConnection.isOpen()) {
            if (pipelineConnection != null) {
                pipelineConnection.closeAsync();
            }
            pipelineConnection = cluster
                    ? ((RedisClusterClient) client()).connect(ByteArrayCodec.INSTANCE)
                    : ((RedisClient) client()).connect(ByteArrayCodec.INSTANCE);
            // on a cluster, commands go out as issued: with auto-flush off, a command routed to a node connection
            // that is still being opened when the batch is flushed stays in its buffer, and the scan waits out
            // its timeout (seen in ClusterTest). They are still pipelined: nobody waits for a reply to send the next.
            pipelineConnection.setAutoFlushCommands(!cluster);
        }
        return pipelineConnection;
    }

    /** Waits for a pipelined reply at most the target's timeout; any failure becomes a {@link RedisFailure}. */
    public <T> T await(Future<T> future) {
        try {
            return future.get(target.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(e);
        } catch (ExecutionException | TimeoutException e) {
            throw failure(e);
        }
    }

    /** Translates a failure that surfaced from a pipelined future. */
    public RedisFailure failure(Throwable error) {
        Throwable cause = error instanceof ExecutionException && error.getCause() != null
                ? error.getCause() : error;
        return Failures.of(cause, target.address());
    }

    /** A pattern subscription on a connection of its own. */
    public interface Subscription extends AutoCloseable {
        /** False once the connection broke (the server went away): subscribe again. */
        boolean isOpen();

        @Override
        void close();
    }

    /**
     * Subscribes to a channel pattern on a connection of its own; {@code listener} receives channel and
     * message bytes on a lettuce thread. Close the returned handle to unsubscribe.
     */
    public Subscription psubscribe(byte[] pattern, BiConsumer<byte[], byte[]> listener) {
        return psubscribe(pattern, listener, false);
    }

    /**
     * A pattern subscription on every master: what one node alone publishes, as keyspace notifications
     * are (a PUBLISH reaches every node of a cluster, a keyspace event only the clients of its own node).
     */
    public Subscription psubscribeEveryMaster(byte[] pattern, BiConsumer<byte[], byte[]> listener) {
        return psubscribe(pattern, listener, true);
    }

    private Subscription psubscribe(byte[] pattern, BiConsumer<byte[], byte[]> listener, boolean everyMaster) {
        guardThread();
        StatefulRedisPubSubConnection<byte[], byte[]> pubsub = null;
        try {
            pubsub = cluster
                    ? ((RedisClusterClient) client()).connectPubSub(ByteArrayCodec.INSTANCE)
                    : ((RedisClient) client()).connectPubSub(ByteArrayCodec.INSTANCE);
            pubsub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(byte[] p, byte[] channel, byte[] message) {
                    listener.accept(channel, message);
                }
            });
            if (everyMaster && pubsub instanceof StatefulRedisClusterPubSubConnection<byte[], byte[]> nodes) {
                nodes.setNodeMessagePropagation(true);
                nodes.sync().upstream().commands().psubscribe(pattern);
            } else {
                pubsub.sync().psubscribe(pattern);
            }
            StatefulRedisPubSubConnection<byte[], byte[]> open = pubsub;
            return new Subscription() {
                @Override
                public boolean isOpen() {
                    return open.isOpen();
                }

                @Override
                public void close() {
                    open.close();
                }
            };
        } catch (RuntimeException e) {
            if (pubsub != null) {
                pubsub.closeAsync();
            }
            throw Failures.of(e, target.address());
        }
    }

    /**
     * A sharded pub/sub subscription (Redis 7), empty until {@link ShardChannels#watch} names its channels;
     * {@code listener} receives channel and message bytes on a lettuce thread.
     */
    public ShardChannels ssubscribe(BiConsumer<byte[], byte[]> listener) {
        guardThread();
        try {
            return new ShardChannels(this, client(), listener);
        } catch (RuntimeException e) {
            throw Failures.of(e, target.address());
        }
    }

    /**
     * Whether a password was given but the server needs none: it answers PING on a connection without
     * credentials. Such a server is open to anyone who can reach it, which the operator should know.
     * False for clusters and Sentinel targets (not probed) and when the probe fails.
     */
    public boolean answersWithoutPassword() {
        if (!target.hasPassword() || cluster || target.isSentinel()) {
            return false;
        }
        RedisURI withPassword = uriOf(target);
        RedisURI plain = RedisURI.create(withPassword.getHost(), withPassword.getPort());
        plain.setSsl(withPassword.isSsl());
        plain.setVerifyPeer(withPassword.getVerifyMode());
        plain.setTimeout(target.timeout());
        if (lean) {
            try (RespConnection c = RespConnection.open(plain, target.caFile().orElse(null))) {
                return "PONG".equals(new RespCommands(c).ping());
            } catch (RuntimeException e) {
                return false;
            }
        }
        client();
        RedisClient probe = RedisClient.create(resources, plain);
        probe.setOptions(((RedisClient) client).getOptions());
        try (StatefulRedisConnection<byte[], byte[]> c = probe.connect(ByteArrayCodec.INSTANCE)) {
            return "PONG".equals(c.sync().ping());
        } catch (RuntimeException e) {
            return false;
        } finally {
            probe.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** An ACL user may not be allowed INFO; such a server is taken as standalone (use CLUSTER mode to force). */
    private boolean isClusterEnabled() {
        try {
            String info = read(r -> r.info("cluster"));
            return info != null && info.contains("cluster_enabled:1");
        } catch (RedisFailure e) {
            if (e.kind() == RedisFailure.Kind.NO_PERMISSION) {
                return false;
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private RedisClusterCommands<byte[], byte[]> sync() {
        StatefulConnection<byte[], byte[]> c = connection();
        return cluster ? ((StatefulRedisClusterConnection<byte[], byte[]>) c).sync()
                : ((StatefulRedisConnection<byte[], byte[]>) c).sync();
    }

    @SuppressWarnings("unchecked")
    private RedisClusterAsyncCommands<byte[], byte[]> async() {
        StatefulConnection<byte[], byte[]> c = connection();
        return cluster ? ((StatefulRedisClusterConnection<byte[], byte[]>) c).async()
                : ((StatefulRedisConnection<byte[], byte[]>) c).async();
    }

    private synchronized StatefulConnection<byte[], byte[]> connection() {
        if (connection == null || !connection.isOpen()) {
            closeConnection();
            try {
                connection = cluster
                        ? ((RedisClusterClient) client()).connect(ByteArrayCodec.INSTANCE)
                        : ((RedisClient) client()).connect(ByteArrayCodec.INSTANCE);
            } catch (RuntimeException e) {
                connection = null;
                throw Failures.of(e, target.address());
            }
        }
        return connection;
    }

    private synchronized void closeConnection() {
        if (connection != null) {
            connection.closeAsync();
            connection = null;
        }
    }

    static void guardThread() {
        if (FX_THREAD_NAME.equals(Thread.currentThread().getName())) {
            throw new IllegalStateException("Redis called on the JavaFX application thread; use a background task");
        }
    }

    /** UTF-8 bytes, for building keys and arguments. */
    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (respConnection != null) {
            respConnection.close();
            respConnection = null;
        }
        if (pipelineConnection != null) {
            pipelineConnection.close();
            pipelineConnection = null;
        }
        if (respReads != null) {
            respReads.close();
            respReads = null;
        }
        clusterResp.values().forEach(RespConnection::close);
        clusterResp.clear();
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            client = null;
        }
        if (resources != null) {
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            resources = null;
        }
    }
}
