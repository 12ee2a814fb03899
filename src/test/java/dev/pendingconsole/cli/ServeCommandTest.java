package dev.pendingconsole.cli;

import dev.pendingconsole.support.CliRun;
import dev.pendingconsole.support.PrometheusText;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pending serve} scraped by a real HTTP client and read with a strict text-format parser: the
 * figures of the sandbox data, health, and series that do not grow with the number of sessions.
 */
@Tag("slow") // minutes of servers started, killed or put to sleep: mvn test -DexcludedGroups=slow skips them
class ServeCommandTest extends SeededCliTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private HttpResponse<String> get(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return null;
        }
    }

    private static double value(Map<String, PrometheusText.Family> metrics, String family, String label, String labelValue) {
        return metrics.get(family).samples().stream()
                .filter(s -> label == null || labelValue.equals(s.labels().get(label))).findFirst().orElseThrow().value();
    }

    /** Scrapes until the metrics satisfy {@code ready}. */
    private Map<String, PrometheusText.Family> scrapeUntil(int port, Predicate<Map<String, PrometheusText.Family>> ready)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(port, "/metrics");
            if (r != null && r.statusCode() == 200) {
                Map<String, PrometheusText.Family> parsed = PrometheusText.parse(r.body());
                if (ready.test(parsed)) {
                    return parsed;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the metrics never became ready");
    }

    /** Issue 24, finding 11: before the first scan ends its figures are absent, not 0 (no alert resolves on a restart). */
    @Test
    void beforeTheFirstScanEndsItsFiguresAreAbsentNotZero() throws Exception {
        int port = freePort();
        CompletableFuture<CliRun> serving = CompletableFuture.supplyAsync(() -> cli("serve", "--metrics-port",
                Integer.toString(port), "--interval", "1h", "--max-rate", "1", "--seconds", "4"));
        try {
            Map<String, PrometheusText.Family> early = scrapeUntil(port, m -> m.containsKey("pending_scan_errors_total"));
            assertThat(early).doesNotContainKeys("pending_stuck_buffers", "pending_stuck_buffers_any", "pending_buffers",
                    "pending_messages", "pending_oldest_message_age_seconds", "pending_last_scan_timestamp_seconds");
        } finally {
            serving.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void metricsOfTheSandboxHealthAndSeriesThatDoNotGrowWithSessions() throws Exception {
        int port = freePort();
        CompletableFuture<CliRun> serving = CompletableFuture.supplyAsync(() -> cli("serve", "--metrics-port",
                Integer.toString(port), "--interval", "1s", "--seconds", "12"));
        try {
            Map<String, PrometheusText.Family> first = scrapeUntil(port, m -> m.containsKey("pending_last_scan_timestamp_seconds"));
            assertThat(value(first, "pending_buffers", "generation", "seed")).as("demo-wrong-type included").isEqualTo(11);
            assertThat(value(first, "pending_buffers", "generation", "current")).isEqualTo(4);
            assertThat(value(first, "pending_messages", null, null)).isEqualTo(37);
            assertThat(value(first, "pending_stuck_buffers", "reason", "idle")).isEqualTo(4);
            assertThat(value(first, "pending_stuck_buffers", "reason", "no-ttl")).isEqualTo(1);
            assertThat(value(first, "pending_stuck_buffers", "reason", "wrong-type")).isEqualTo(1);
            assertThat(value(first, "pending_unreadable_entries", null, null)).isEqualTo(4);
            assertThat(value(first, "pending_oldest_message_age_seconds", null, null)).isBetween(19 * 60.0, 21 * 60.0);
            assertThat(value(first, "pending_persist_queue_messages", null, null)).isGreaterThanOrEqualTo(1);
            assertThat(first.get("pending_scans_total").type()).isEqualTo("counter");
            Matcher named = Pattern.compile("pending_[a-z_]+")
                    .matcher(Files.readString(Path.of("src/main/dist/prometheus-alerts.yml")));
            while (named.find()) {
                assertThat(first).as("the example alert rules use only metrics that exist").containsKey(named.group());
            }
            HttpResponse<String> health = get(port, "/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("ok\n");

            int families = first.size();
            long series = first.values().stream().mapToLong(f -> f.samples().size()).sum();
            redis.lettuce(r -> {
                for (int i = 0; i < 10_000; i++) {
                    r.rpush(("copilot:pending:many-" + i).getBytes(StandardCharsets.UTF_8),
                            "{\"content\":\"x\",\"file_ids\":[],\"context\":null}".getBytes(StandardCharsets.UTF_8));
                }
                return null;
            });
            Map<String, PrometheusText.Family> many = scrapeUntil(port, m -> value(m, "pending_buffers", "generation", "seed") >= 10_010);
            assertThat(many).hasSize(families);
            assertThat(many.values().stream().mapToLong(f -> f.samples().size()).sum()).as("no series per session").isEqualTo(series);
            assertThat(many.values()).allSatisfy(f -> f.samples().forEach(s -> assertThat(s.labels().keySet())
                    .isSubsetOf("generation", "reason")));
        } finally {
            CliRun done = serving.get(40, TimeUnit.SECONDS);
            assertThat(done.exitCode()).as(done.err()).isZero();
            assertThat(done.err()).contains("serving metrics on http://127.0.0.1:" + port + "/metrics");
        }
    }

    @Test
    void aPortInUseIsOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = cli("serve", "--metrics-port", Integer.toString(taken.getLocalPort()), "--seconds", "1");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith("error: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
        assertThat(cli("serve").exitCode()).as("--metrics-port is required").isEqualTo(2);
    }
}
