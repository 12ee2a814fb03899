package dev.pendingconsole.cli;

import dev.pendingconsole.core.BackendGeneration;
import dev.pendingconsole.ops.HealthCount;
import dev.pendingconsole.ops.LiveFeed;
import dev.pendingconsole.ops.SessionScan;
import dev.pendingconsole.ops.StuckReason;
import dev.pendingconsole.ops.Workspace;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

@Command(name = "serve",
        footer = {"", "Examples:", "  pending serve --metrics-port 9121", "  pending serve --metrics-port 9121 --interval 5m --max-rate 5000"}, description = {"Export the buffers' health as Prometheus metrics, re-scanning on an interval.", "Serves /metrics (the Prometheus text format, written by the official Java client) and /healthz"
            + " on loopback unless --bind says otherwise. One scan at a time, every --interval (jittered by"
            + " 10%%), at most --max-rate commands a second. Labels are bounded: a stuck reason or a backend"
            + " generation, never a session id."})
final class ServeCommand extends GlobalOptions.Base {

    @Option(names = "--metrics-port", required = true, paramLabel = "PORT", description = "The port to serve on.")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String bind;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "30s",
            description = "Time between the end of a scan and the start of the next (default ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--max-rate", paramLabel = "N", defaultValue = "10000",
            description = "At most about N Redis commands a second while scanning (default ${DEFAULT-VALUE}; 0: no limit).")
    long maxRate;

    @CommandLine.Mixin
    IdleOption idle;

    @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds instead of running until stopped.")
    Long seconds;

    /**
     * The metrics. The scan's figures are registered when the first scan has ended, so that until then they
     * are absent rather than 0: a restart must not make every stuck alert resolve and fire again. The
     * counters are there from the start.
     */
    private static final class Metrics {
        final PrometheusRegistry registry = new PrometheusRegistry();
        final Gauge buffers = Gauge.builder().name("pending_buffers").help("Pending-message buffers, by backend generation")
                .labelNames("generation").build();
        final Gauge messages = Gauge.builder().name("pending_messages").help("Messages waiting in all buffers").build();
        final Gauge bytes = Gauge.builder().name("pending_bytes")
                .help("Bytes of the entries a scan reads (each buffer's first cap's worth)").build();
        final Gauge stuck = Gauge.builder().name("pending_stuck_buffers").help("Stuck buffers, by reason (a buffer may have several)")
                .labelNames("reason").build();
        final Gauge stuckAny = Gauge.builder().name("pending_stuck_buffers_any").help("Buffers stuck for any reason").build();
        final Gauge unreadable = Gauge.builder().name("pending_unreadable_entries")
                .help("Entries the backend cannot parse (dropped on drain)").build();
        final Gauge oldest = Gauge.builder().name("pending_oldest_message_age_seconds")
                .help("How long the oldest pending message has waited (exact from enqueued_at, else a lower bound)").build();
        final Gauge persist = Gauge.builder().name("pending_persist_queue_messages")
                .help("Messages drained but not yet saved as chat rows, over all persist queues").build();
        final Gauge duration = Gauge.builder().name("pending_scan_duration_seconds").help("How long the last scan took").build();
        final Gauge scanned = Gauge.builder().name("pending_scanned_keys").help("Keys the last scan looked at").build();
        final Gauge lastScan = Gauge.builder().name("pending_last_scan_timestamp_seconds")
                .help("When the last scan that succeeded ended (unix seconds)").build();
        final Counter scans = Counter.builder().name("pending_scans_total").help("Scans run").register(registry);
        final Counter errors = Counter.builder().name("pending_scan_errors_total").help("Scans that failed").register(registry);
        final Counter pushes = Counter.builder().name("pending_pushes_seen_total")
                .help("Pushes seen on the live feed (rate() gives pushes per second)").register(registry);
        private boolean published;

        /** Puts the scan's figures on the page; call once they hold a scan's values. */
        void publish() {
            if (!published) {
                published = true;
                for (Gauge g : List.of(buffers, messages, bytes, stuck, stuckAny, unreadable, oldest, persist, duration,
                        scanned, lastScan)) {
                    registry.register(g);
                }
            }
        }
    }

    private volatile String failure; // the last scan's failure, or null

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65_535) {
            throw new Cli.UsageException("--metrics-port must be 1..65535");
        }
        Duration every = CheckCommand.duration(interval);
        if (every.isZero()) {
            throw new Cli.UsageException("--interval must be longer than 0");
        }
        SessionScan.Options options = ListCommand.withRate(ListCommand.filters(null, List.of(), null, null, idle.minutes()), maxRate);
        Output output = output();
        Metrics metrics = new Metrics();
        try (GlobalOptions.Connection redis = connect();
             LiveFeed feed = redis.ws.follow(e -> metrics.pushes.inc(), Duration.ofSeconds(5))) {
            HttpServer http;
            try {
                http = HttpServer.create(new InetSocketAddress(bind, port), 16);
            } catch (IOException e) {
                throw new Cli.OperationFailed("cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            }
            MetricsHandler scrape = new MetricsHandler(metrics.registry);
            // a scrape and a scan's publishing of its results exclude each other: a scrape taken halfway through
            // showed the new scan's buffers beside the old (or initial 0) messages
            http.createContext("/metrics", exchange -> {
                synchronized (metrics) {
                    scrape.handle(exchange);
                }
            });
            http.createContext("/healthz", this::health);
            http.setExecutor(Executors.newFixedThreadPool(2, daemon("pending-serve-http")));
            http.start();
            ScheduledExecutorService scans = Executors.newSingleThreadScheduledExecutor(daemon("pending-serve-scan"));
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            try {
                output.err.println("serving metrics on http://" + bind + ":" + http.getAddress().getPort() + "/metrics (and /healthz);"
                        + " a scan every " + Output.duration(Optional.of(every)) + (maxRate > 0
                        ? ", at most " + maxRate + " commands/s" : "") + "; live feed: " + feed.mode().name().toLowerCase());
                output.err.flush();
                scans.execute(() -> scanThenSchedule(redis.ws, options, metrics, scans, every));
                if (seconds != null) {
                    stop.await(seconds, TimeUnit.SECONDS);
                } else {
                    stop.await();
                }
            } finally {
                scans.shutdownNow();
                http.stop(0);
            }
        }
        return Cli.OK;
    }

    /** One scan, then the next after the interval, jittered by up to 10% either way: never two at once. */
    private void scanThenSchedule(Workspace ws, SessionScan.Options options, Metrics m, ScheduledExecutorService scans,
                                  Duration every) {
        long started = System.nanoTime();
        try {
            HealthCount health = new HealthCount();
            SessionScan.Progress done = ws.scan().run(options, page -> page.buffers().forEach(health::add),
                    () -> Thread.currentThread().isInterrupted());
            long persisted = ws.persistQueued();
            synchronized (m) { // one scan's figures, all at once, for the scrapes
                for (BackendGeneration g : BackendGeneration.values()) {
                    m.buffers.labelValues(g.label()).set(health.buffers(g));
                }
                m.messages.set(health.messages());
                m.bytes.set(health.bytes());
                for (StuckReason r : StuckReason.values()) {
                    m.stuck.labelValues(r.code()).set(health.stuck(r));
                }
                m.stuckAny.set(health.stuck());
                m.unreadable.set(health.unreadable());
                m.oldest.set(health.oldest().map(d -> d.toMillis() / 1000.0).orElse(0.0));
                m.persist.set(persisted);
                m.scanned.set(done.scanned());
                m.duration.set((System.nanoTime() - started) / 1e9);
                m.lastScan.set(System.currentTimeMillis() / 1000.0);
                m.publish(); // every reason present from the first scan on, 0 included
                m.scans.inc();
            }
            failure = null;
        } catch (RuntimeException e) {
            synchronized (m) {
                m.errors.inc();
                m.scans.inc();
            }
            failure = e.getMessage();
        }
        long millis = every.toMillis();
        long jitter = (long) (millis * 0.1 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
        if (!scans.isShutdown()) {
            scans.schedule(() -> scanThenSchedule(ws, options, m, scans, every), millis + jitter, TimeUnit.MILLISECONDS);
        }
    }

    /** 200 while the last scan succeeded (or none has ended yet), 503 with the reason when it failed. */
    private void health(HttpExchange exchange) throws IOException {
        String why = failure;
        byte[] body = (why == null ? "ok\n" : "last scan failed: " + why + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(why == null ? 200 : 503, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
