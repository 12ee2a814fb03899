package dev.pendingconsole.support;

import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.devtools.LocalRedis;
import dev.pendingconsole.redis.RedisGateway;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.Assumptions;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One real redis-server per test JVM, started on a free loopback port on first use. Tests that stop or
 * reconfigure a server start their own {@link LocalRedis} instead.
 */
public final class TestRedis {

    private static LocalRedis shared;

    private TestRedis() {
    }

    public static synchronized LocalRedis shared() {
        if (shared == null || !shared.isRunning()) {
            shared = LocalRedis.start();
            LocalRedis server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return shared;
    }

    /** A gateway to the shared server, emptied first. */
    public static RedisGateway freshGateway() {
        RedisGateway gateway = RedisGateway.open(RedisTarget.parse(shared().url()));
        gateway.lettuce(r -> r.flushall());
        return gateway;
    }

    /**
     * Blocks the whole server at {@code url} for {@code seconds} with DEBUG SLEEP, sent from a connection
     * of its own (the command blocks its caller too); the future ends when the server wakes. Skips the
     * calling test where DEBUG is disabled, as Redis 7 has it by default.
     */
    public static CompletableFuture<Void> sleepServer(String url, double seconds) {
        boolean allowed;
        try (RedisGateway probe = RedisGateway.open(RedisTarget.parse(url))) {
            debugSleep(probe, 0);
            allowed = true;
        } catch (RuntimeException e) {
            allowed = false;
        }
        Assumptions.assumeTrue(allowed, "DEBUG is disabled on this server");
        return CompletableFuture.runAsync(() -> {
            try (RedisGateway sleeper = RedisGateway.open(RedisTarget.parse(url, Duration.ofSeconds(60)))) {
                debugSleep(sleeper, seconds);
            }
        });
    }

    private static void debugSleep(RedisGateway redis, double seconds) {
        redis.lettuce(r -> r.dispatch(CommandType.DEBUG,
                new StatusOutput<>(ByteArrayCodec.INSTANCE),
                new CommandArgs<>(ByteArrayCodec.INSTANCE)
                        .add("SLEEP").add(Double.toString(seconds))));
    }
}
