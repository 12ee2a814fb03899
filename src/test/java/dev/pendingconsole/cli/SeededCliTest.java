package dev.pendingconsole.cli;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.devtools.Sandbox;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.support.CliRun;
import dev.pendingconsole.support.RedisServer;
import dev.pendingconsole.support.TestRedis;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/**
 * CLI tests against the shared server seeded with the sandbox's demo data before each test, with a data
 * directory of the test's own: {@link #cli} runs the real entry point with no terminal.
 */
@ExtendWith(RedisServer.class)
abstract class SeededCliTest {

    @TempDir
    protected Path home;
    protected RedisGateway redis;
    protected Map<String, String> env;

    @BeforeEach
    void seedSandboxData(RedisServer.Fresh server) {
        redis = server.gateway();
        Sandbox.seed(redis, KeySchema.SEED);
        env = Map.of("REDIS_URL", TestRedis.shared().url(), "PENDING_CONSOLE_HOME", home.toString());
    }

    protected CliRun cli(String... args) {
        return CliRun.run(env, args);
    }
}
