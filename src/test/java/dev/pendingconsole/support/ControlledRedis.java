package dev.pendingconsole.support;

import dev.pendingconsole.devtools.LocalRedis;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A {@link LocalRedis} the fault tests control beyond what the product needs: started again on the same
 * port after a kill, or run as a Sentinel. Kept out of the product jar.
 */
public final class ControlledRedis extends LocalRedis {

    private ControlledRedis(int port, List<String> extraArgs, String sentinelConfig) throws IOException {
        this(locateBinary(), port, extraArgs, sentinelConfig);
    }

    private ControlledRedis(Path binary, int port, List<String> extraArgs, String sentinelConfig) throws IOException {
        super(binary, port, extraArgs, sentinelConfig);
    }

    /**
     * Redis 7 (sharded pub/sub needs it; the embedded binary is 6.2): {@code -Dpending.redis7=PATH}, else
     * Debian's {@code /usr/bin/redis-server} when it is 7 or newer. Skips the calling test otherwise, saying
     * how to get one.
     */
    public static ControlledRedis startRedis7() {
        Path binary = redis7Binary();
        try {
            ControlledRedis redis = new ControlledRedis(binary, freePort(), List.of(), null);
            redis.startProcess();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + binary, e);
        }
    }

    /** Redis 7's binary; skips the calling test when there is none, saying how to get one. */
    public static Path redis7Binary() {
        Optional<Path> binary = redis7();
        Assumptions.assumeTrue(binary.isPresent(), "needs Redis 7 for SPUBLISH/SSUBSCRIBE (the embedded"
                + " binary is 6.2): apt-get install redis-server, or -Dpending.redis7=/path/to/redis-server");
        return binary.get();
    }

    /** Starts a server on a free port; {@code extraArgs} are redis-server options. */
    public static ControlledRedis start(List<String> extraArgs) {
        try {
            ControlledRedis redis = new ControlledRedis(freePort(), extraArgs, null);
            redis.startProcess();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start redis-server", e);
        }
    }

    /**
     * Starts a Sentinel on a free port watching the master {@code name} at 127.0.0.1:{@code masterPort}
     * (quorum 1, down after 1 s), for failover tests.
     */
    public static ControlledRedis startSentinel(String name, int masterPort) {
        try {
            String config = "sentinel monitor " + name + " 127.0.0.1 " + masterPort + " 1\n"
                    + "sentinel down-after-milliseconds " + name + " 1000\n"
                    + "sentinel failover-timeout " + name + " 5000\n"
                    + "sentinel parallel-syncs " + name + " 1\n";
            ControlledRedis sentinel = new ControlledRedis(freePort(), List.of(), config);
            sentinel.startProcess();
            return sentinel;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start redis-server --sentinel", e);
        }
    }

    /** Starts the server again on the same port, empty (as after a crash without persistence). */
    public synchronized void restart() {
        kill();
        try {
            startProcess();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
