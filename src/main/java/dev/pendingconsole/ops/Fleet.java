package dev.pendingconsole.ops;

import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.local.ConfigDir;
import dev.pendingconsole.local.ConnectionProfile;
import dev.pendingconsole.local.DataDir;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every saved server at a glance: each profile is opened (read only), scanned once at most {@code maxRate}
 * commands a second (serve's budget) and listened to for pushes meanwhile, all profiles at once. A server
 * that cannot be reached is a row that says why, never a failure of the whole.
 */
public final class Fleet {

    /** The shortest time pushes are counted over, so that a quick scan still gives a rate. */
    static final Duration LISTEN_AT_LEAST = Duration.ofSeconds(1);

    /**
     * One server as last looked at.
     *
     * @param failure why it could not be read (empty when it was)
     * @param health its buffers, stuck by reason, oldest waiting message (empty counts on failure)
     * @param pushesPerSecond pushes heard while it was scanned (empty where no live feed could be had)
     */
    public record Look(ConnectionProfile profile, Optional<String> failure, HealthCount health, long scannedKeys,
                       OptionalDouble pushesPerSecond, Instant at, Duration took) {

        public boolean reachable() {
            return failure.isEmpty();
        }

        /** The most stuck buffers before this server needs someone: the profile's alert threshold, else {@code fallback}. */
        public long threshold(long fallback) {
            return profile.notifyStuckAbove() > 0 ? profile.notifyStuckAbove() : fallback;
        }

        /** Unreachable, or more buffers stuck than its threshold. */
        public boolean crossed(long fallback) {
            return !reachable() || health.stuck() > threshold(fallback);
        }
    }

    private final DataDir data;
    private final ConfigDir config;
    private final String password;
    private final Duration timeout;
    private final long maxRate;

    /** {@code password}: for every profile (the CLI's $REDISCLI_AUTH), or null; profiles never hold one. */
    public Fleet(DataDir data, ConfigDir config, String password, Duration timeout, long maxRate) {
        this.data = data;
        this.config = config;
        this.password = password;
        this.timeout = timeout;
        this.maxRate = maxRate;
    }

    /** Looks at every profile at once; the looks in the profiles' order. */
    public List<Look> lookAll(List<ConnectionProfile> profiles) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(profiles.size(), 8)), r -> {
            Thread t = new Thread(r, "pending-fleet");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Look>> running = new ArrayList<>();
            for (ConnectionProfile p : profiles) {
                running.add(CompletableFuture.supplyAsync(() -> look(p), pool));
            }
            return running.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Opens the profile's server read-only, scans it once and counts the pushes heard meanwhile. */
    public Look look(ConnectionProfile profile) {
        Instant at = Instant.now();
        long t0 = System.nanoTime();
        try (Workspace ws = Workspace.open(profile.target(password, timeout).readOnly(true), profile.schema(), data, config,
                profile.name(), profile.production(), false)) {
            ws.useBackend(profile.backend());
            AtomicLong pushes = new AtomicLong();
            HealthCount health = new HealthCount();
            SessionScan.Progress done;
            OptionalDouble rate;
            try (LiveFeed feed = ws.follow(e -> pushes.incrementAndGet(), LISTEN_AT_LEAST)) {
                long listening = System.nanoTime();
                done = ws.scan().run(SessionScan.Options.ALL.withMaxRate(maxRate),
                        page -> page.buffers().forEach(health::add), () -> false);
                long left = LISTEN_AT_LEAST.toNanos() - (System.nanoTime() - listening);
                if (left > 0) {
                    Thread.sleep(left / 1_000_000);
                }
                rate = feed.mode() == LiveFeed.Mode.SUBSCRIBED
                        ? OptionalDouble.of(pushes.get() * 1e9 / (System.nanoTime() - listening)) : OptionalDouble.empty();
            }
            return new Look(profile, Optional.empty(), health, done.scanned(), rate, at, Duration.ofNanos(System.nanoTime() - t0));
        } catch (RedisFailure | IllegalArgumentException e) {
            return new Look(profile, Optional.of(e.getMessage()), new HealthCount(), 0, OptionalDouble.empty(), at,
                    Duration.ofNanos(System.nanoTime() - t0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Look(profile, Optional.of("interrupted"), new HealthCount(), 0, OptionalDouble.empty(), at,
                    Duration.ofNanos(System.nanoTime() - t0));
        }
    }
}
