package dev.pendingconsole.cli;

import dev.pendingconsole.devtools.Sandbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "sandbox", description = {"Start a throwaway local Redis with demo data, until Ctrl-C.",
        "Healthy and stuck buffers of every kind, both backend generations, malformed entries and rate-limit",
        "counters. --cluster starts a 3-master Redis Cluster instead."})
final class SandboxCommand extends GlobalOptions.Base {

    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "Port to listen on (default: a free one).")
    int port;

    @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds instead of waiting for Ctrl-C.")
    Long seconds;

    @Option(names = "--cluster", description = "A 3-master Redis Cluster on free ports, as today's backend runs on.")
    boolean cluster;

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
        try (Sandbox sandbox = cluster ? Sandbox.startCluster() : Sandbox.start(port)) {
            Thread hook = new Thread(() -> {
                stop.countDown();
                sandbox.close();
            });
            Runtime.getRuntime().addShutdownHook(hook);
            if (output.json) {
                output.print(output.object().put("url", sandbox.url()).put("port", sandbox.port()));
            } else {
                output.out.println("Sandbox Redis " + (sandbox.isCluster() ? "Cluster (3 masters) " : "") + "with demo data: "
                        + sandbox.url());
                output.out.println("Try:  REDIS_URL=" + sandbox.url() + " pending-console list --stuck");
                output.out.println("Ctrl-C stops it and deletes everything.");
            }
            output.out.flush();
            if (seconds != null) {
                stop.await(seconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
        return Cli.OK;
    }
}
