package dev.pendingconsole.devtools;

import redis.embedded.core.ExecutableProvider;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throwaway {@code redis-server} on a free loopback port, for the sandbox and the tests. The binary is
 * the one shipped in embedded-redis (Redis 6.2) unless {@code -Dpending.redis.server=PATH} or
 * {@code $PENDING_REDIS_SERVER} names another. Nothing is persisted; the working directory is deleted on
 * {@link #close()}. The tests' own subclass adds restarts on the same port and Sentinels.
 */
public class LocalRedis implements AutoCloseable {

    private static final String READY = "Ready to accept connections";
    private static File embeddedBinary;

    private final Path binary;
    private final List<String> extraArgs;
    private final Path dir;
    private final int port;
    private Process process;
    private final StringBuffer output = new StringBuffer();
    /** Kills the server if the JVM exits without closing it (a quit console, a test run that ends). */
    private final Thread killOnExit = new Thread(this::kill, "local-redis-exit");
    private boolean hooked;

    /** For a Sentinel: the config lines it starts from (Sentinel rewrites its file); null for a server. */
    private final String sentinelConfig;

    /** For the tests' server control (sentinels, restarts), which is not part of the product. */
    protected LocalRedis(Path binary, int port, List<String> extraArgs, String sentinelConfig) throws IOException {
        this.binary = binary;
        this.port = port;
        this.extraArgs = List.copyOf(extraArgs);
        this.sentinelConfig = sentinelConfig;
        this.dir = Files.createTempDirectory("pending-redis-");
    }

    /** Starts a server on a free port with default settings. */
    public static LocalRedis start() {
        return start(List.of());
    }

    /** Starts a server on a free port; {@code extraArgs} are redis-server options such as "--requirepass x". */
    public static LocalRedis start(List<String> extraArgs) {
        return start(0, extraArgs);
    }

    /** Starts a server on {@code port} (0: a free one). */
    public static LocalRedis start(int port, List<String> extraArgs) {
        try {
            return start(locateBinary(), port, extraArgs);
        } catch (IOException e) {
            throw new UncheckedIOException("could not find redis-server", e);
        }
    }

    /**
     * A Redis 7 or newer {@code redis-server} on this machine ({@code -Dpending.redis7=PATH}, else the first
     * on PATH, else Debian's {@code /usr/bin/redis-server}), for what the embedded 6.2 lacks: sharded
     * pub/sub (SPUBLISH).
     */
    public static Optional<Path> redis7() {
        String chosen = System.getProperty("pending.redis7");
        Path binary = chosen != null ? Path.of(chosen) : onPath("redis-server").orElse(Path.of("/usr/bin/redis-server"));
        if (!Files.isExecutable(binary)) {
            return Optional.empty();
        }
        try {
            Process version = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("v=(\\d+)\\.").matcher(text);
            return m.find() && Integer.parseInt(m.group(1)) >= 7 ? Optional.of(binary) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The first {@code program} on PATH, if any. */
    public static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts {@code binary} on {@code port} (0: a free one). */
    public static LocalRedis start(Path binary, int port, List<String> extraArgs) {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                LocalRedis redis = new LocalRedis(binary, port == 0 ? freePort() : port, extraArgs, null);
                redis.startProcess();
                return redis;
            } catch (IOException e) {
                last = e; // most likely the port was taken between choosing and binding it
                if (port != 0) {
                    break;
                }
            }
        }
        throw new UncheckedIOException("could not start redis-server", last);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public Path binary() {
        return binary;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the server at once, as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    protected synchronized void startProcess() throws IOException {
        List<String> command;
        String readyLine = READY;
        if (sentinelConfig != null) {
            Path conf = dir.resolve("sentinel.conf");
            Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\ndir " + dir + "\nprotected-mode no\n" + sentinelConfig);
            command = new ArrayList<>(List.of(binary.toString(), conf.toString(), "--sentinel"));
            readyLine = "Sentinel ID is";
        } else {
            command = new ArrayList<>(List.of(binary.toString(),
                    "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                    "--dir", dir.toString(), "--daemonize", "no", "--protected-mode", "no"));
            command.addAll(extraArgs);
        }
        String marker = readyLine;
        output.setLength(0);
        Process started = new ProcessBuilder(command).redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (output.length() < 64_000) {
                        output.append(line).append('\n');
                    }
                    if (line.contains(marker)) {
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "redis-server-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            boolean ok = ready.await(15, TimeUnit.SECONDS);
            if (!ok || !started.isAlive()) {
                started.destroyForcibly();
                throw new IOException("redis-server on port " + port + " did not start:\n" + output);
            }
        } catch (InterruptedException e) {
            started.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting redis-server", e);
        }
        process = started;
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(killOnExit);
            hooked = true;
        }
    }

    @Override
    public synchronized void close() {
        kill();
        if (hooked) {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: nothing to undo
            }
            hooked = false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    protected static synchronized Path locateBinary() throws IOException {
        String override = System.getProperty("pending.redis.server", System.getenv("PENDING_REDIS_SERVER"));
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        if (embeddedBinary == null || !embeddedBinary.canExecute()) {
            embeddedBinary = ExecutableProvider.newJarResourceProvider().get();
        }
        return embeddedBinary.toPath();
    }

    protected static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
