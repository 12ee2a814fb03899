package dev.pendingconsole.devtools;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A throwaway 3-master Redis Cluster on loopback ports (cluster-enabled servers, slots assigned, nodes
 * met), as today's backend runs: for the sandbox's cluster mode and the cluster tests.
 */
public final class LocalCluster implements AutoCloseable {

    private final List<LocalRedis> nodes = new ArrayList<>();

    /** On the embedded Redis 6.2. */
    public LocalCluster() {
        this(null);
    }

    /** On {@code binary} (such as {@link LocalRedis#redis7()}), or the embedded Redis when null. */
    public LocalCluster(Path binary) {
        try {
            List<String> args = List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", "3000");
            for (int i = 0; i < 3; i++) {
                nodes.add(binary == null ? LocalRedis.start(args) : LocalRedis.start(binary, 0, args));
            }
            int[][] ranges = {{0, 5460}, {5461, 10922}, {10923, 16383}};
            RedisClient client = RedisClient.create();
            try {
                for (int i = 0; i < 3; i++) {
                    try (StatefulRedisConnection<String, String> c = client.connect(RedisURI.create(nodes.get(i).url()))) {
                        c.sync().clusterAddSlots(IntStream.rangeClosed(ranges[i][0], ranges[i][1]).toArray());
                    }
                }
                try (StatefulRedisConnection<String, String> first = client.connect(RedisURI.create(nodes.get(0).url()))) {
                    for (int i = 1; i < 3; i++) {
                        first.sync().clusterMeet("127.0.0.1", nodes.get(i).port());
                    }
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                for (LocalRedis node : nodes) {
                    try (StatefulRedisConnection<String, String> c = client.connect(RedisURI.create(node.url()))) {
                        RedisCommands<String, String> sync = c.sync();
                        while (!(sync.clusterInfo().contains("cluster_state:ok") && sync.clusterNodes().lines().count() == 3)) {
                            if (System.nanoTime() > deadline) {
                                throw new IllegalStateException("cluster did not become ready: " + sync.clusterInfo());
                            }
                            Thread.sleep(50);
                        }
                    }
                }
            } finally {
                client.shutdown();
            }
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw new IllegalStateException("could not start a local cluster", e);
        }
    }

    /** A URL of one node; clients discover the others. */
    public String url() {
        return nodes.get(0).url();
    }

    /** Every master's URL, in slot order (0-5460, 5461-10922, 10923-16383). */
    public List<String> nodeUrls() {
        return nodes.stream().map(LocalRedis::url).toList();
    }

    @Override
    public void close() {
        nodes.forEach(LocalRedis::close);
    }
}
