package dev.pendingconsole.support;

import dev.pendingconsole.core.RedisGateway;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.ops.LocalRedis;

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
        gateway.read(r -> r.flushall());
        return gateway;
    }
}
