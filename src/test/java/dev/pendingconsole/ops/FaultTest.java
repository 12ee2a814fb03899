package dev.pendingconsole.ops;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.MessageCodec;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.local.BackupEntry;
import dev.pendingconsole.local.BackupFile;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.support.ControlledRedis;
import dev.pendingconsole.support.Door;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server is killed (SIGKILL, as a crash) in the middle of work and started again on the same port with
 * its append-only file, as a production server with persistence would come back. Every call fails within
 * its timeout with a clear kind, the same gateway works again once the server is back, and no message is
 * lost or doubled: a removal that was cut off happened wholly or not at all, and its backup says which.
 */
@Tag("slow") // minutes of servers started, killed or put to sleep: mvn test -DexcludedGroups=slow skips them
class FaultTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int BUFFERS = 40;
    private static final int ENTRIES = 5;
    private static final Set<RedisFailure.Kind> CUT_OFF = EnumSet.of(RedisFailure.Kind.CONNECTION_LOST,
            RedisFailure.Kind.REFUSED, RedisFailure.Kind.TIMEOUT, RedisFailure.Kind.OUTCOME_UNKNOWN);

    @TempDir
    Path home;
    private ControlledRedis server;
    private RedisGateway redis;
    private Operations ops;

    @BeforeEach
    void start() {
        server = ControlledRedis.start(List.of("--appendonly", "yes", "--appendfsync", "always"));
        redis = RedisGateway.open(RedisTarget.parse(server.url(), TIMEOUT));
        ops = new Operations(redis, KeySchema.SEED, new DataDir(home), StuckRules.DEFAULT);
    }

    @AfterEach
    void stop() {
        redis.close();
        server.close();
    }

    private static SessionId session(int i) {
        return SessionId.of("fault-" + i);
    }

    private static String content(int buffer, int entry) {
        return "message " + entry + " of buffer " + buffer;
    }

    private void seed() {
        PendingBuffers buffers = new PendingBuffers(redis, KeySchema.SEED);
        for (int b = 0; b < BUFFERS; b++) {
            for (int e = 0; e < ENTRIES; e++) {
                buffers.push(session(b), PendingMessage.of(content(b, e)));
            }
        }
    }

    /** Runs {@code work} over every buffer until it fails; kills the server meanwhile, then starts it again. */
    private List<RedisFailure> killDuring(Consumer<Integer> work, long killAfterMillis) throws Exception {
        List<RedisFailure> failures = new ArrayList<>();
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            for (int b = 0; b < BUFFERS; b++) {
                try {
                    work.accept(b);
                } catch (RedisFailure f) {
                    synchronized (failures) {
                        failures.add(f);
                    }
                    if (failures.size() > 3) {
                        return; // the server is down: stop hammering it
                    }
                }
            }
        });
        Thread.sleep(killAfterMillis);
        server.kill();
        running.get(60, TimeUnit.SECONDS); // no hang: every call gives up within its timeout (a guard, not a figure)
        server.restart();
        return failures;
    }

    /** Entries of every buffer as the server holds them now. */
    private List<Set<String>> inRedis() {
        PendingBuffers buffers = new PendingBuffers(redis, KeySchema.SEED);
        List<Set<String>> all = new ArrayList<>();
        for (int b = 0; b < BUFFERS; b++) {
            Set<String> contents = new HashSet<>();
            buffers.peek(session(b), 0, 100).entries().forEach(e -> contents.add(text(e.raw().bytes())));
            all.add(contents);
        }
        return all;
    }

    private static String text(byte[] raw) {
        return MessageCodec.SEED.decode(raw) instanceof BufferEntry.Valid v
                ? v.message().content() : new String(raw, StandardCharsets.UTF_8);
    }

    private List<Path> backups() throws IOException {
        Path dir = new DataDir(home).backups();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** Every seeded message is in Redis or in a backup; each buffer is whole or empty; backups are whole. */
    private void assertNothingLostNothingHalfDone() throws IOException {
        List<Set<String>> now = inRedis();
        Set<String> backedUp = new HashSet<>();
        for (Path file : backups()) {
            List<BackupEntry> entries = BackupFile.read(file).entries(); // throws if a backup was left half-written
            assertThat(entries).as("a backup holds one whole buffer: " + file).hasSize(ENTRIES);
            entries.forEach(e -> backedUp.add(text(e.raw().bytes())));
        }
        for (int b = 0; b < BUFFERS; b++) {
            assertThat(now.get(b).size()).as("buffer %d is whole or empty, never half-removed", b).isIn(0, ENTRIES);
            for (int e = 0; e < ENTRIES; e++) {
                String m = content(b, e);
                assertThat(now.get(b).contains(m) || backedUp.contains(m)).as("%s is somewhere", m).isTrue();
            }
        }
    }

    @Test
    void clearsCutOffByACrashHappenWhollyOrNotAtAllAndTheirBackupsSayWhich() throws Exception {
        seed();
        List<RedisFailure> failures = killDuring(b -> new Door(redis, ops, home).clear(ops.inspect(ops.ref(session(b)), 0, 10), true), 60);
        assertThat(failures).isNotEmpty().allSatisfy(f -> assertThat(f.kind()).isIn(CUT_OFF));
        assertNothingLostNothingHalfDone();

        // a confirmed backup belongs to an emptied buffer; an unconfirmed one either way, and restore knows
        List<Set<String>> now = inRedis();
        for (Path file : backups()) {
            String first = text(BackupFile.read(file).entries().get(0).raw().bytes());
            int b = Integer.parseInt(first.substring(first.lastIndexOf(' ') + 1));
            if (!file.getFileName().toString().endsWith(".unconfirmed.jsonl")) {
                assertThat(now.get(b)).as("confirmed backup %s: its buffer was emptied", file.getFileName()).isEmpty();
            } else if (!now.get(b).isEmpty()) {
                Assertions.assertThatThrownBy(() -> new Door(redis, ops, home).restore(file))
                        .hasMessageContaining("the removal did not happen");
            } else {
                new Door(redis, ops, home).restore(file);
                assertThat(inRedis().get(b)).hasSize(ENTRIES);
            }
        }
    }

    @Test
    void drainsCutOffByACrashLoseNothing() throws Exception {
        seed();
        List<RedisFailure> failures = killDuring(b -> new Door(redis, ops, home).drain(ops.ref(session(b)), true), 60);
        assertThat(failures).isNotEmpty().allSatisfy(f -> assertThat(f.kind()).isIn(CUT_OFF));
        assertNothingLostNothingHalfDone();
    }

    @Test
    void pushesCutOffByACrashAreNeverDoubledAndAcknowledgedOnesSurvive() throws Exception {
        PendingBuffers buffers = new PendingBuffers(redis, KeySchema.SEED);
        List<String> acknowledged = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        killDuring(b -> {
            for (int e = 0; e < ENTRIES; e++) {
                String m = content(b, e);
                try {
                    buffers.push(session(b), PendingMessage.of(m));
                    acknowledged.add(m);
                } catch (RedisFailure f) {
                    if (f.kind() == RedisFailure.Kind.OUTCOME_UNKNOWN) {
                        unknown.add(m);
                    }
                    throw f;
                }
            }
        }, 80);
        List<String> stored = new ArrayList<>();
        for (int b = 0; b < BUFFERS; b++) {
            buffers.peek(session(b), 0, 100).entries().forEach(e -> stored.add(text(e.raw().bytes())));
        }
        assertThat(stored).as("every acknowledged push survived the crash").containsAll(acknowledged);
        assertThat(stored).as("nothing was pushed twice").doesNotHaveDuplicates();
        assertThat(stored).as("only what was sent").isSubsetOf(Stream.concat(acknowledged.stream(), unknown.stream()).toList());
    }

    @Test
    void restoresCutOffByACrashPutBackWhollyOrNotAtAll() throws Exception {
        seed();
        for (int b = 0; b < BUFFERS; b++) {
            new Door(redis, ops, home).clear(ops.inspect(ops.ref(session(b)), 0, 10), true);
        }
        List<Path> files = backups();
        assertThat(files).hasSize(BUFFERS).noneMatch(f -> f.getFileName().toString().endsWith(".unconfirmed.jsonl"));
        killDuring(b -> new Door(redis, ops, home).restore(files.get(b)), 60);
        assertNothingLostNothingHalfDone();
    }

    @Test
    void scansAndInspectionsFailClearlyAndTheSameGatewayWorksOnceTheServerIsBack() throws Exception {
        seed();
        List<RedisFailure> failures = killDuring(b -> {
            ops.scan().all(SessionScan.Options.ALL);
            ops.inspect(ops.ref(session(b)), 0, 10);
        }, 30);
        assertThat(failures).isNotEmpty().allSatisfy(f -> assertThat(f.kind()).isIn(CUT_OFF))
                .allSatisfy(f -> assertThat(f.getMessage()).contains("127.0.0.1:" + server.port()));
        assertThat(ops.scan().all(SessionScan.Options.ALL)).hasSize(BUFFERS);
        assertThat(ops.inspect(ops.ref(session(0)), 0, 10).page().entries()).hasSize(ENTRIES);
    }
}
