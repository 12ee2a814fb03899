package dev.pendingconsole.core;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The one way the application talks to Redis: a binary-safe connection that every read and write passes
 * through, so errors are translated to {@link RedisFailure} in one place and no call can run on the
 * JavaFX application thread.
 *
 * <p>Lettuce's automatic reconnection is off on purpose: with it, a command whose reply was lost is sent
 * again after reconnecting, which would duplicate a push or pop twice. Instead a broken connection is
 * replaced by a fresh one on the next call, and a write whose reply was lost is reported as
 * {@link RedisFailure.Kind#OUTCOME_UNKNOWN}. Thread-safe.
 */
public final class RedisGateway implements AutoCloseable {

    /** The JavaFX application thread's name; the core must not depend on JavaFX to recognise it. */
    static final String FX_THREAD_NAME = "JavaFX Application Thread";

    private final RedisTarget target;
    private final ClientResources resources;
    private final RedisClient client;
    private StatefulRedisConnection<byte[], byte[]> connection;

    private RedisGateway(RedisTarget target) {
        this.target = target;
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        this.client = RedisClient.create(resources, target.lettuceUri());
        Duration timeout = target.timeout();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
    }

    /** Connects now, so that a wrong address, password or certificate is reported here. */
    public static RedisGateway open(RedisTarget target) {
        RedisGateway gateway = new RedisGateway(target);
        try {
            gateway.connection();
            return gateway;
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    public RedisTarget target() {
        return target;
    }

    /** Runs a read; any failure becomes a {@link RedisFailure}. */
    public <T> T read(Function<RedisClusterCommands<byte[], byte[]>, T> call) {
        guardThread();
        try {
            return call.apply(connection().sync());
        } catch (RuntimeException e) {
            throw RedisFailure.of(e, target.address());
        }
    }

    /**
     * Runs a write that must not be repeated blindly; a lost reply becomes
     * {@link RedisFailure.Kind#OUTCOME_UNKNOWN} naming {@code action}.
     */
    public <T> T write(String action, Function<RedisClusterCommands<byte[], byte[]>, T> call) {
        guardThread();
        RedisClusterCommands<byte[], byte[]> commands;
        try {
            commands = connection().sync();
        } catch (RuntimeException e) {
            throw RedisFailure.of(e, target.address()); // not sent: the outcome is known
        }
        try {
            return call.apply(commands);
        } catch (RuntimeException e) {
            throw RedisFailure.ofWrite(e, target.address(), action);
        }
    }

    /** For pipelined reads: commands issued on this interface are sent without waiting for replies. */
    public <T> T pipelined(Function<RedisClusterAsyncCommands<byte[], byte[]>, T> call) {
        guardThread();
        try {
            return call.apply(connection().async());
        } catch (RuntimeException e) {
            throw RedisFailure.of(e, target.address());
        }
    }

    private synchronized StatefulRedisConnection<byte[], byte[]> connection() {
        if (connection == null || !connection.isOpen()) {
            if (connection != null) {
                connection.closeAsync();
            }
            try {
                connection = client.connect(ByteArrayCodec.INSTANCE);
            } catch (RuntimeException e) {
                connection = null;
                throw RedisFailure.of(e, target.address());
            }
        }
        return connection;
    }

    static void guardThread() {
        if (FX_THREAD_NAME.equals(Thread.currentThread().getName())) {
            throw new IllegalStateException("Redis called on the JavaFX application thread; use a background task");
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
