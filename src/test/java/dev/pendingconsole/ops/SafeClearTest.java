package dev.pendingconsole.ops;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.MessageCodec;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.RawPayload;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.local.BackupFile;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.ops.write.Clear;
import dev.pendingconsole.ops.write.Drain;
import dev.pendingconsole.ops.write.WriteRefused;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.support.Backups;
import dev.pendingconsole.support.Door;
import dev.pendingconsole.support.RedisServer;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServer.class)
@Tag("slow") // minutes of servers started, killed or put to sleep: mvn test -DexcludedGroups=slow skips them
class SafeClearTest {

    @TempDir
    Path home;
    private RedisGateway redis;
    private Operations ops;
    private final SessionId session = SessionId.of("clear-me");

    @BeforeEach
    void connect(RedisServer.Fresh server) {
        redis = server.gateway();
        ops = new Operations(redis, KeySchema.SEED, new DataDir(home), StuckRules.DEFAULT);
    }

    private BufferRef ref() {
        return ops.ref(session);
    }

    private List<String> contents() {
        List<String> out = new ArrayList<>();
        for (BufferEntry e : ops.inspect(ref(), 0, PendingBuffers.MAX_PAGE).page().entries()) {
            out.add(((BufferEntry.Valid) e).message().content());
        }
        return out;
    }

    @Test
    void clearKeepsMessagesPushedAfterTheSnapshot() {
        PendingBuffers buffers = ops.buffers(ref());
        buffers.push(session, PendingMessage.of("seen 1"));
        buffers.push(session, PendingMessage.of("seen 2"));
        Inspection seen = ops.inspect(ref(), 0, 100);
        buffers.push(session, PendingMessage.of("pushed after"));

        ClearOutcome outcome = new Door(redis, ops, home).clear(seen, true);

        assertThat(outcome.status()).isEqualTo(ClearOutcome.Status.CLEARED);
        assertThat(outcome.removed()).isEqualTo(2);
        assertThat(outcome.remaining()).isEqualTo(1);
        assertThat(contents()).containsExactly("pushed after");
        assertThat(BackupFile.read(outcome.backup().orElseThrow()).entries()).extracting(e -> e.raw().utf8().orElseThrow())
                .containsExactly(seen.raws().get(0).utf8().get(), seen.raws().get(1).utf8().get());
    }

    @Test
    void clearTouchesNothingWhenTheHeadChangedAndKeepsNoBackup() throws Exception {
        PendingBuffers buffers = ops.buffers(ref());
        buffers.push(session, PendingMessage.of("a"));
        buffers.push(session, PendingMessage.of("b"));
        Inspection seen = ops.inspect(ref(), 0, 100);
        Door door = new Door(redis, ops, home);
        var plan = door.door().plan(new Clear(seen, true)); // what the dialog shows
        buffers.drain(session); // the backend drains while the dialog is open
        buffers.push(session, PendingMessage.of("c"));

        ClearOutcome outcome = door.door().execute(plan, Door.YES);

        assertThat(outcome.status()).isEqualTo(ClearOutcome.Status.CHANGED);
        assertThat(outcome.backup()).isEmpty();
        assertThat(contents()).containsExactly("c");
        try (var files = Files.list(new DataDir(home).backups())) {
            assertThat(files.toList()).isEmpty();
        }
        assertThat(Files.readString(new DataDir(home).auditLog())).contains("nothing removed");
    }

    @Test
    void restoreAfterClearGivesBackTheSameBytesInTheSameOrder() {
        byte[] key = KeySchema.SEED.bufferKey(session);
        List<byte[]> original = List.of(
                "{\"content\":\"one\",\"file_ids\":[],\"context\":null}".getBytes(StandardCharsets.UTF_8),
                "{\"id\":\"x\",\"content\":\"two \u00e9\",\"enqueued_at\":1.25,\"metadata\":{\"k\":[1,2]}}".getBytes(StandardCharsets.UTF_8),
                new byte[] {'{', (byte) 0xFF, (byte) 0xFE, '}'},
                "not json at all".getBytes(StandardCharsets.UTF_8));
        redis.lettuce(r -> r.rpush(key, original.toArray(new byte[0][])));
        redis.lettuce(r -> r.expire(key, 100));

        ClearOutcome cleared = new Door(redis, ops, home).clear(ops.inspect(ref(), 0, 100), true);
        assertThat(redis.<Long>lettuce(r -> r.exists(key))).isZero();
        ops.buffers(ref()).push(session, PendingMessage.of("pushed meanwhile"));

        RestoreOutcome restored = new Door(redis, ops, home).restore(cleared.backup().orElseThrow());

        assertThat(restored.entries()).isEqualTo(4);
        List<byte[]> now = redis.lettuce(r -> r.lrange(key, 0, -1));
        assertThat(now).hasSize(5);
        for (int i = 0; i < original.size(); i++) {
            assertThat(now.get(i)).isEqualTo(original.get(i));
        }
        assertThat(new String(now.get(4), StandardCharsets.UTF_8)).contains("pushed meanwhile");
        assertThat(redis.<Long>lettuce(r -> r.ttl(key))).isBetween(3590L, 3600L);
    }

    @Test
    void aTruncatedBackupRestoresNothing() throws Exception {
        PendingBuffers buffers = ops.buffers(ref());
        for (int i = 0; i < 5; i++) {
            buffers.push(session, PendingMessage.of("m" + i));
        }
        Path backup = new Door(redis, ops, home).clear(ops.inspect(ref(), 0, 100), true).backup().orElseThrow();
        byte[] whole = Files.readAllBytes(backup);
        for (int cut : new int[] {whole.length - 2, whole.length - 30, whole.length / 2, 10}) {
            Path truncated = home.resolve("truncated-" + cut + ".jsonl");
            Files.write(truncated, Arrays.copyOf(whole, cut));
            Assertions.assertThatThrownBy(() -> new Door(redis, ops, home).restore(truncated))
                    .isInstanceOf(BackupFile.Unreadable.class);
            assertThat(buffers.count(session)).as("after restoring a file cut at %d", cut).isZero();
        }
    }

    @Test
    void removeOneTakesOnlyTheEntryStillHoldingTheBytesShown() {
        PendingBuffers buffers = ops.buffers(ref());
        for (String s : List.of("a", "b", "c")) {
            buffers.push(session, PendingMessage.of(s));
        }
        Inspection seen = ops.inspect(ref(), 1, 1);
        RemoveOutcome removed = new Door(redis, ops, home).removeEntry(ref(), 1, seen.raws().get(0), true);
        assertThat(removed.removed()).isTrue();
        assertThat(contents()).containsExactly("a", "c");
        assertThat(BackupFile.read(removed.backup().orElseThrow()).entries()).hasSize(1);

        RawPayload stale = ops.inspect(ref(), 0, 1).raws().get(0);
        buffers.drain(session);
        buffers.push(session, PendingMessage.of("new"));
        Assertions.assertThatThrownBy(
                        () -> new Door(redis, ops, home).removeEntry(ref(), 0, stale, true))
                .isInstanceOf(WriteRefused.class).hasMessageContaining("no longer the message");
        assertThat(contents()).containsExactly("new");
        assertThat(Backups.in(home)).as("only the first removal's backup").hasSize(1);
    }

    @Test
    void drainToFileExportsThenRemovesExactlyWhatWasShown(@TempDir Path out) {
        PendingBuffers buffers = ops.buffers(ref());
        buffers.push(session, PendingMessage.of("x"));
        buffers.push(session, PendingMessage.of("y"));
        Path file = out.resolve("drained.jsonl");
        Door door = new Door(redis, ops, home);
        var plan = door.door().plan(new Drain(ref(), Optional.of(file), true));
        buffers.push(session, PendingMessage.of("z"));

        DrainOutcome outcome = door.door().execute(plan, Door.YES);

        assertThat(outcome.status()).isEqualTo(ClearOutcome.Status.CLEARED);
        assertThat(BackupFile.read(file).entries()).hasSize(2);
        assertThat(contents()).containsExactly("z");
    }

    /**
     * Pushers push unique messages without pause while the operator reads and clears, and a drainer
     * competes. Across thousands of rounds every message ends up in exactly one place: cleared (and then
     * in that clear's backup), drained, or still in Redis. Nothing pushed after a read is ever cleared.
     */
    @Test
    void underRacingPushesAndDrainsEveryMessageIsEitherInRedisOrInABackup() throws Exception {
        KeySchema wide = KeySchema.SEED.withCap(1_000_000);
        Operations wideOps = new Operations(redis, wide, new DataDir(home), StuckRules.DEFAULT);
        PendingBuffers buffers = new PendingBuffers(redis, wide);
        Set<String> pushed = ConcurrentHashMap.newKeySet();
        Set<String> drained = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                for (int i = 0; running.get(); i++) {
                    String content = "p" + thread + "-" + i;
                    buffers.push(session, PendingMessage.of(content));
                    pushed.add(content);
                }
            }));
        }
        workers.add(pool.submit(() -> {
            while (running.get()) {
                buffers.drain(session).messages().forEach(v -> drained.add(v.message().content()));
                Thread.sleep(3);
            }
            return null;
        }));

        List<String> cleared = new ArrayList<>();
        AtomicInteger changed = new AtomicInteger();
        int rounds = 2_000;
        Door door = new Door(redis, wideOps, home);
        for (int round = 0; round < rounds; round++) {
            Inspection seen = wideOps.inspect(wideOps.ref(session), 0, 20);
            ClearOutcome outcome;
            try {
                outcome = door.clear(seen, true);
            } catch (WriteRefused refused) { // the head moved before the plan was made
                changed.incrementAndGet();
                continue;
            }
            if (outcome.status() == ClearOutcome.Status.CLEARED) {
                List<String> inBackup = BackupFile.read(outcome.backup().orElseThrow()).entries().stream()
                        .map(e -> e.raw().utf8().orElseThrow()).toList();
                List<String> shown = seen.raws().stream().map(r -> r.utf8().orElseThrow()).toList();
                assertThat(inBackup).isEqualTo(shown);
                shown.forEach(s -> cleared.add(content(s)));
            } else if (outcome.status() == ClearOutcome.Status.CHANGED) {
                changed.incrementAndGet();
                assertThat(outcome.backup()).isEmpty();
            }
        }
        running.set(false);
        for (Future<?> f : workers) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<String> remaining = new ArrayList<>();
        for (long offset = 0; ; offset += PendingBuffers.MAX_PAGE) {
            var page = buffers.peek(session, offset, PendingBuffers.MAX_PAGE);
            page.entries().forEach(e -> remaining.add(((BufferEntry.Valid) e).message().content()));
            if (page.entries().size() < PendingBuffers.MAX_PAGE) {
                break;
            }
        }
        Set<String> accounted = new HashSet<>(cleared);
        accounted.addAll(drained);
        accounted.addAll(remaining);
        assertThat(cleared.size() + drained.size() + remaining.size())
                .as("no message is in two places").isEqualTo(accounted.size());
        assertThat(accounted).as("every pushed message is somewhere").isEqualTo(pushed);
        assertThat(cleared).isNotEmpty();
    }

    private static String content(String raw) {
        return ((BufferEntry.Valid) MessageCodec.SEED.decode(
                raw.getBytes(StandardCharsets.UTF_8))).message().content();
    }
}
