package dev.pendingconsole.devtools;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.MessageCodec;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.SessionScan;
import dev.pendingconsole.redis.LuaScript;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.redis.RedisGateway;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * The benchmark suite: on a Redis of its own, a generated keyspace, and side by side in one run the
 * console's list against a naive scan and against the pipelined rate this server allows; the core's push,
 * drain and peek against raw lettuce on the same connection; and the server's own view of the cost.
 * Prints as it goes; never part of the tests.
 */
public final class Bench {

    /** What to generate and how long to measure. */
    public record Options(int buffers, int totalKeys, int hugeLists, int hugeLength, int coreOps, boolean cluster) {
        public static final Options FULL = new Options(100_000, 300_000, 3, 200_000, 20_000);

        public Options(int buffers, int totalKeys, int hugeLists, int hugeLength, int coreOps) {
            this(buffers, totalKeys, hugeLists, hugeLength, coreOps, false);
        }
    }

    /** Where the keyspace lives: one server, or the masters of a cluster ({@code route}: a key's master). */
    private record Servers(String url, List<String> nodes, ToIntFunction<byte[]> route) {
        boolean isCluster() {
            return nodes.size() > 1;
        }
    }

    private static final int WARM_UP_RUNS = 2;
    private static final int MEASURED_RUNS = 3;

    private final Options options;
    private final Consumer<String> out;

    public Bench(Options options, Consumer<String> out) {
        this.options = options;
        this.out = out;
    }

    /** Runs everything on a fresh server; returns its URL's figures printed through {@code out}. */
    public void run(Consumer<String> withServer) {
        run(Set.of("list", "core"), withServer);
    }

    /** Runs the given sections ({@code list}, {@code core}) and then {@code withServer} on the same keyspace. */
    public void run(Set<String> sections, Consumer<String> withServer) {
        if (options.cluster()) {
            try (LocalCluster cluster = new LocalCluster(LocalRedis.redis7().orElse(null))) {
                List<String> nodes = cluster.nodeUrls();
                out.accept(String.format("server: a cluster of 3 masters, redis-server %s on %s, %d cores", version(nodes.get(0)),
                        String.join(", ", nodes), Runtime.getRuntime().availableProcessors()));
                // LocalCluster gives the masters three equal slot ranges, in order
                run(sections, new Servers(cluster.url(), nodes, key -> {
                    int slot = SlotHash.getSlot(key);
                    return slot <= 5460 ? 0 : slot <= 10922 ? 1 : 2;
                }), withServer);
            }
            return;
        }
        try (LocalRedis server = LocalRedis.start(List.of("--maxmemory", "0"))) {
            out.accept(String.format("server: redis-server %s on 127.0.0.1:%d, %d cores", version(server.url()),
                    server.port(), Runtime.getRuntime().availableProcessors()));
            run(sections, new Servers(server.url(), List.of(server.url()), key -> 0), withServer);
        }
    }

    private void run(Set<String> sections, Servers servers, Consumer<String> withServer) {
        long t0 = System.nanoTime();
        long keys = Keyspace.generate(servers.nodes(), servers.route(), new Keyspace.Shape(options.buffers(),
                options.totalKeys(), options.hugeLists(), options.hugeLength()), 20261124);
        out.accept(String.format("keyspace: %,d keys (%,d buffers of 1-10 entries, a third with turn metadata, %d lists of %,d, decoys) generated in %.1f s",
                keys, options.buffers(), options.hugeLists(), options.hugeLength(), seconds(System.nanoTime() - t0)));
        if (sections.contains("list")) {
            listFigures(servers);
        }
        if (sections.contains("core") && !servers.isCluster()) {
            coreFigures(servers.url());
        }
        withServer.accept(servers.url());
    }

    // ------------------------------------------------------------------ list

    private void listFigures(Servers servers) {
        String url = servers.url();
        String first = servers.nodes().get(0);
        double pipelinedRate = pipelinedRate(first, keyOn(servers, 0));
        try (RedisGateway redis = RedisGateway.open(RedisTarget.parse(url, Duration.ofSeconds(60)))) {
            SessionScan scan = new SessionScan(redis, KeySchema.SEED);
            long coldStart = System.nanoTime();
            scan.all(SessionScan.Options.ALL); // warm-up: the JIT needs a few full scans, the first is 2x slower
            long coldNanos = System.nanoTime() - coldStart;
            for (int i = 1; i < WARM_UP_RUNS; i++) {
                scan.all(SessionScan.Options.ALL);
            }
            for (String node : servers.nodes()) {
                configure(node);
            }
            Map<String, Long> before = commandStats(servers.nodes());
            URI address = URI.create(first);
            LatencyProbe.Running probe = LatencyProbe.start(address.getHost(), address.getPort());
            long[] runs = new long[MEASURED_RUNS];
            long[] found = new long[1];
            SessionScan.Progress done = null;
            for (int i = 0; i < runs.length; i++) {
                found[0] = 0;
                long t0 = System.nanoTime();
                done = scan.run(SessionScan.Options.ALL, page -> found[0] += page.buffers().size(), () -> false);
                runs[i] = System.nanoTime() - t0;
            }
            LatencyProbe.Figures seen = probe.stop();
            Map<String, Long> after = commandStats(servers.nodes());
            String stall = worstStall(servers.nodes());
            long[] sortedRuns = runs.clone();
            Arrays.sort(sortedRuns);
            long listNanos = sortedRuns[runs.length / 2];
            long commands = (after.values().stream().mapToLong(Long::longValue).sum()
                    - before.values().stream().mapToLong(Long::longValue).sum()) / runs.length;
            long slowest = servers.nodes().stream().mapToLong(Bench::slowlogMaxMicros).max().orElse(-1);
            long retained = retainedBytes(scan);

            long naiveNanos = servers.isCluster() ? 0 : naiveList(url);
            double boundSeconds = commands / pipelinedRate;
            out.accept("");
            out.accept(String.format("list, fully enriched (type, length, TTL, turn, first %d entries checked): %,d buffers among %,d keys scanned",
                    KeySchema.SEED.cap(), found[0], done.scanned()));
            out.accept(String.format("  console list ............ %7.2f s  (%,.0f buffers/s; median of %s s, after %d warm-up runs)",
                    seconds(listNanos), found[0] / seconds(listNanos), Arrays.stream(runs)
                            .mapToObj(n -> String.format("%.2f", seconds(n))).collect(Collectors.joining(", ")), WARM_UP_RUNS));
            out.accept(String.format("  console list, cold JVM ..  %7.2f s  (the first scan in a fresh JVM, as the console's first scan is)",
                    seconds(coldNanos)));
            if (servers.isCluster()) {
                out.accept("  naive SCAN + LLEN each ... skipped on a cluster (a shell loop walks one node at a time)");
            } else {
                out.accept(String.format("  naive SCAN + LLEN each ... %7.2f s  -> list is %.1fx faster (target >= 5x)",
                        seconds(naiveNanos), (double) naiveNanos / listNanos));
            }
            out.accept(String.format("  pipelined bound .......... %7.2f s  (%,d commands at %,.0f/s, pipelined 64 deep on %s) -> list is %.2fx the bound (target <= 3x)",
                    boundSeconds, commands, pipelinedRate, servers.isCluster() ? "one master; the masters work in parallel" : "this server",
                    seconds(listNanos) / boundSeconds));
            out.accept(String.format("  memory ................... %,.0f MB of heap held by the %,d summaries a scan returns (%.0f bytes each)",
                    retained / 1e6, found[0], (double) retained / Math.max(1, found[0])));
            out.accept(String.format("  server cost .............. %.2f commands per buffer listed (%s)", (double) commands / found[0],
                    top(before, after, MEASURED_RUNS)));
            out.accept(String.format("  server latency ........... slowest single command %s; the server's longest stall (LATENCY monitor at 1 ms): %s",
                    slowest < 0 ? "< 1 ms (SLOWLOG empty at 1 ms)" : String.format("%.2f ms", slowest / 1000.0), stall));
            out.accept(String.format("  another client ........... PING every ms from a process of its own during the scans: worst %.2f ms, p99 %.2f ms, median %.2f ms (%,d pings; target: worst <= 10 ms)",
                    seen.worstMs(), seen.p99Ms(), seen.medianMs(), seen.pings()));
        }
    }

    /** SCAN the prefix, then one LLEN round trip per key: what a shell loop around redis-cli does. */
    private long naiveList(String url) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
            RedisCommands<byte[], byte[]> sync = c.sync();
            ScanArgs args = ScanArgs.Builder.matches(KeySchema.SEED.prefix() + "*").limit(1_000);
            long t0 = System.nanoTime();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<byte[]> batch = sync.scan(cursor, args);
                for (byte[] key : batch.getKeys()) {
                    try {
                        sync.llen(key);
                    } catch (RuntimeException wrongType) {
                        // decoys of other types
                    }
                }
                cursor = batch;
            } while (!cursor.isFinished());
            return System.nanoTime() - t0;
        } finally {
            client.shutdown();
        }
    }

    /** A buffer key the generated keyspace has on node {@code node}. */
    private static byte[] keyOn(Servers servers, int node) {
        for (int i = 1; ; i++) {
            byte[] key = Keyspace.bytes(KeySchema.SEED.prefix() + "bench-" + i);
            if (servers.route().applyAsInt(key) == node) {
                return key;
            }
        }
    }

    /** Heap held by one whole scan's results: measured after a collection, with and without them. */
    private static long retainedBytes(SessionScan scan) {
        Runtime rt = Runtime.getRuntime();
        List<BufferSummary> held = scan.all(SessionScan.Options.ALL);
        System.gc();
        long with = rt.totalMemory() - rt.freeMemory();
        int size = held.size();
        held = null;
        System.gc();
        long without = rt.totalMemory() - rt.freeMemory();
        return size == 0 ? 0 : Math.max(0, with - without);
    }

    private static void configure(String node) {
        RedisClient client = RedisClient.create(node);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().configSet("slowlog-log-slower-than", "1000");
            c.sync().slowlogReset();
            c.sync().configSet("latency-monitor-threshold", "1");
        } finally {
            client.shutdown();
        }
        latency(node, "RESET");
    }

    /**
     * redis-benchmark -P 64 style: LLEN on one plain socket, 64 commands written at once and their 64
     * replies read, as fast as the server answers. A client library's pipelining was the bound before the
     * scan had its own plain connection, which then beat it: the bound is the server's, not a library's.
     */
    private double pipelinedRate(String url, byte[] key) {
        URI address = URI.create(url);
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        one.writeBytes(("*2\r\n$4\r\nLLEN\r\n$" + key.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        one.writeBytes(key);
        one.writeBytes(new byte[]{'\r', '\n'});
        byte[] window = new byte[one.size() * 64];
        for (int i = 0; i < 64; i++) {
            System.arraycopy(one.toByteArray(), 0, window, i * one.size(), one.size());
        }
        try (Socket socket = new Socket(address.getHost(), address.getPort())) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            int total = 1_000_000;
            double best = 0;
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                for (int sent = 0; sent < total; sent += 64) {
                    out.write(window);
                    out.flush();
                    for (int replies = 0; replies < 64; ) { // each reply is one line, ":<length>\r\n"
                        int b = in.read();
                        if (b < 0) {
                            throw new EOFException("the server closed the connection");
                        }
                        if (b == '\n') {
                            replies++;
                        }
                    }
                }
                best = Math.max(best, total / seconds(System.nanoTime() - t0));
            }
            return best;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ core

    private void coreFigures(String url) {
        int n = options.coreOps();
        out.accept("");
        out.accept(String.format("core operations, one connection, %,d calls each (p50 / p99 latency, calls/s):", n));
        try (RedisGateway redis = RedisGateway.open(RedisTarget.parse(url))) {
            PendingBuffers buffers = new PendingBuffers(redis, KeySchema.SEED);
            SessionId session = SessionId.of("bench-core");
            PendingMessage message = PendingMessage.of("a typical follow-up message, about this long, with some detail");
            byte[] payload = MessageCodec.encode(message);
            byte[] key = KeySchema.SEED.bufferKey(session);
            byte[] channel = KeySchema.SEED.notifyChannel(session);
            var script = LuaScript.load("push");
            byte[] cap = Keyspace.bytes("10");
            byte[] ttl = Keyspace.bytes("3600");
            Stats push = measure(n, () -> buffers.push(session, message));
            Stats rawPush = measure(n, () -> redis.lettuce(r -> {
                Object o = r.evalsha(script.sha(), ScriptOutputType.MULTI, new byte[][] {key}, payload, cap, ttl);
                r.publish(channel, new byte[] {'1'});
                return o;
            }));
            Stats drain = measure(n, () -> {
                buffers.drain(session);
            }, () -> redis.lettuce(r -> r.rpush(key, payload, payload, payload)));
            Stats rawDrain = measure(n, () -> redis.lettuce(r -> r.lpop(key, 10)), () -> redis.lettuce(r -> r.rpush(key, payload, payload, payload)));
            redis.lettuce(r -> r.rpush(key, payload, payload, payload, payload, payload));
            Stats peek = measure(n, () -> buffers.peek(session, 0, 10));
            Stats rawPeek = measure(n, () -> redis.lettuce(r -> r.lrange(key, 0, 9)));
            row("push (EVALSHA + PUBLISH)", push, rawPush);
            row("drain (LPOP key 10)", drain, rawDrain);
            row("peek (LRANGE 0 9, LLEN if full)", peek, rawPeek);
        }
    }

    private void row(String what, Stats core, Stats raw) {
        out.accept(String.format("  %-32s core %6.1f / %6.1f us  %,8.0f/s   raw lettuce %6.1f / %6.1f us  %,8.0f/s   core/raw p50 %.2f (target <= 1.20)",
                what, core.p50, core.p99, core.rate, raw.p50, raw.p99, raw.rate, core.p50 / raw.p50));
    }

    private record Stats(double p50, double p99, double rate) {
    }

    private static Stats measure(int n, Runnable op) {
        return measure(n, op, () -> { });
    }

    /** Times {@code op} n times after a warm-up; {@code setup} runs untimed before each call. */
    private static Stats measure(int n, Runnable op, Runnable setup) {
        for (int i = 0; i < Math.min(n, 5_000); i++) {
            setup.run();
            op.run();
        }
        long[] nanos = new long[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            setup.run();
            long t0 = System.nanoTime();
            op.run();
            nanos[i] = System.nanoTime() - t0;
            total += nanos[i];
        }
        Arrays.sort(nanos);
        return new Stats(nanos[n / 2] / 1e3, nanos[(int) (n * 0.99)] / 1e3, n / (total / 1e9));
    }

    // ------------------------------------------------------------------ server's view

    /** The longest event-loop stall the server's latency monitor recorded since the reset, or that it saw none. */
    private static String worstStall(List<String> nodes) {
        long worst = 0;
        String which = null;
        for (Object e : nodes.stream().flatMap(n -> latency(n, "LATEST").stream()).toList()) {
            List<?> event = (List<?>) e; // name, time, latest ms, max ms
            long max = ((Number) event.get(3)).longValue();
            if (max > worst) {
                worst = max;
                which = event.get(0) instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(event.get(0));
            }
        }
        return which == null ? "none of 1 ms or more" : worst + " ms (" + which + ")";
    }

    /** LATENCY with one subcommand (Lettuce has no method for it). */
    private static List<Object> latency(String url, String subcommand) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
            ProtocolKeyword latency = new ProtocolKeyword() {
                @Override
                public byte[] getBytes() {
                    return Keyspace.bytes("LATENCY");
                }
            };
            if (subcommand.equals("RESET")) {
                c.sync().dispatch(latency, new IntegerOutput<>(ByteArrayCodec.INSTANCE),
                        new CommandArgs<>(ByteArrayCodec.INSTANCE).add(subcommand));
                return List.of();
            }
            return c.sync().dispatch(latency, new NestedMultiOutput<>(ByteArrayCodec.INSTANCE),
                    new CommandArgs<>(ByteArrayCodec.INSTANCE).add(subcommand));
        } finally {
            client.shutdown();
        }
    }

    /** Calls per command, summed over the nodes. */
    private static Map<String, Long> commandStats(List<String> nodes) {
        Map<String, Long> sum = new TreeMap<>();
        nodes.forEach(n -> commandStats(n).forEach((k, v) -> sum.merge(k, v, Long::sum)));
        return sum;
    }

    private static Map<String, Long> commandStats(String url) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            Map<String, Long> stats = new TreeMap<>();
            for (String line : c.sync().info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_")) {
                    String name = line.substring(8, line.indexOf(':'));
                    String calls = line.substring(line.indexOf("calls=") + 6, line.indexOf(',', line.indexOf("calls=")));
                    if (!name.equals("info") && !name.equals("ping")) { // ping: the latency probe's
                        stats.put(name, Long.parseLong(calls));
                    }
                }
            }
            return stats;
        } finally {
            client.shutdown();
        }
    }

    /** Each command's calls in one run (the probe's PINGs and the bench's own bookkeeping included). */
    private static String top(Map<String, Long> before, Map<String, Long> after, int runs) {
        List<String> parts = new ArrayList<>();
        after.forEach((k, v) -> {
            long d = (v - before.getOrDefault(k, 0L)) / runs;
            if (d > 0) {
                parts.add(k + " " + d);
            }
        });
        return String.join(", ", parts);
    }

    private static long slowlogMaxMicros(String url) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            long max = -1;
            for (Object entry : c.sync().slowlogGet(128)) {
                List<?> fields = (List<?>) entry;
                max = Math.max(max, ((Number) fields.get(2)).longValue());
            }
            return max;
        } finally {
            client.shutdown();
        }
    }

    /** The server's CPU time so far (user and system, all its threads), in seconds. */
    public static double serverCpuSeconds(String url) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().info("cpu").lines().filter(l -> l.startsWith("used_cpu_user:") || l.startsWith("used_cpu_sys:"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(':') + 1).trim())).sum();
        } finally {
            client.shutdown();
        }
    }

    private static String version(String url) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().info("server").lines().filter(l -> l.startsWith("redis_version:")).findFirst()
                    .map(l -> l.substring(14)).orElse("?");
        } finally {
            client.shutdown();
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
