package dev.pendingconsole.cli;

import dev.pendingconsole.devtools.Sandbox;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "sandbox",
        footer = {"", "Examples:", "  pending sandbox --detach", "  pending sandbox --cluster"}, description = {"Start a throwaway local Redis with demo data, until Ctrl-C.", "Healthy and stuck buffers of every kind, both backend generations, malformed entries and"
            + " rate-limit counters. --cluster starts a 3-master Redis Cluster instead."})
final class SandboxCommand extends GlobalOptions.Base {

    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "Port to listen on (default: a free one).")
    int port;

    @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds instead of waiting for Ctrl-C.")
    Long seconds;

    @Option(names = "--cluster", description = "A 3-master Redis Cluster on free ports, as today's backend runs on.")
    boolean cluster;

    @Option(names = "--detach", description = "Start it in the background, print its URL and how to stop it, and return (the quick start"
            + " needs no second terminal).")
    boolean detach;

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }

    /**
     * A detached sandbox's output file, named by its parent: deleted when the sandbox is stopped, having
     * started (one that failed to start keeps it, for the message that names it). One was left in the
     * temporary folder per sandbox before.
     */
    private static final String LOG_PROPERTY = "pending.sandbox.log";

    private static void deleteDetachedLog() {
        String log = System.getProperty(LOG_PROPERTY);
        if (log != null) {
            try {
                Files.deleteIfExists(Path.of(log));
            } catch (IOException | RuntimeException ignored) {
                // a temporary file: the system cleans it up eventually
            }
        }
    }

    /** Starts this same command in a process of its own and returns once it has printed its URL. */
    private int detached(Output output) throws InterruptedException {
        Path log;
        try {
            log = Files.createTempFile("pending-sandbox-", ".log");
        } catch (IOException e) {
            throw new Cli.OperationFailed("could not start the sandbox in the background: " + e.getMessage());
        }
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-D" + LOG_PROPERTY + "=" + log,
                "-cp", System.getProperty("java.class.path"), "dev.pendingconsole.Main", "sandbox"));
        if (cluster) {
            command.add("--cluster");
        }
        if (port != 0) {
            command.addAll(List.of("--port", Integer.toString(port)));
        }
        Process child;
        try {
            child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new Cli.OperationFailed("could not start the sandbox in the background: " + e.getMessage());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String url = null;
        while (url == null && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(100);
            try {
                Matcher m = Pattern.compile("(redis://[^\\s]+)")
                        .matcher(Files.readString(log));
                url = m.find() ? m.group(1) : null;
            } catch (IOException e) {
                url = null;
            }
        }
        if (url == null) {
            child.destroy();
            throw new Cli.OperationFailed("the sandbox did not start; its output is in " + log);
        }
        String server = null;
        try {
            Matcher m = Pattern.compile("Server: (.*)").matcher(Files.readString(log));
            server = m.find() ? m.group(1).strip() : null;
        } catch (IOException e) {
            // said without it
        }
        if (output.json) {
            output.print(output.object().put("url", url).put("pid", child.pid()).put("log", log.toString()).put("server", server));
        } else {
            output.out.println("Sandbox Redis " + (cluster ? "Cluster (3 masters) " : "") + "with demo data: " + url);
            if (server != null) {
                output.out.println("Server: " + server);
            }
            output.out.println("Try:  export REDIS_URL=" + url);
            output.out.println("Stop it (and delete its data):  kill " + child.pid());
        }
        return Cli.OK;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new Cli.UsageException("--port must be 0..65535");
        }
        Output output = output();
        CountDownLatch stop = new CountDownLatch(1);
        if (cluster && port != 0) {
            throw new Cli.UsageException("--cluster picks free ports; --port does not go with it");
        }
        if (detach) {
            if (seconds != null) {
                throw new Cli.UsageException("--detach runs until it is stopped; --seconds does not go with it");
            }
            return detached(output);
        }
        try (Sandbox sandbox = cluster ? Sandbox.startCluster() : Sandbox.start(port)) {
            Thread hook = new Thread(() -> {
                stop.countDown();
                sandbox.close();
                deleteDetachedLog();
            });
            Runtime.getRuntime().addShutdownHook(hook);
            if (output.json) {
                output.print(output.object().put("url", sandbox.url()).put("port", sandbox.port()).put("server", sandbox.server()));
            } else {
                output.out.println("Server: " + sandbox.server()); // before the URL: a detached parent reads both
                output.out.println("Sandbox Redis " + (sandbox.isCluster() ? "Cluster (3 masters) " : "") + "with demo data: "
                        + sandbox.url());
                output.out.println("Try:  REDIS_URL=" + sandbox.url() + " pending list --stuck");
                output.out.println("Ctrl-C stops it and deletes everything.");
            }
            output.out.flush();
            AutoCloseable counters = sandbox.keepCountersFresh();
            if (seconds != null) {
                stop.await(seconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
            closeQuietly(counters);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
        return Cli.OK;
    }
}
