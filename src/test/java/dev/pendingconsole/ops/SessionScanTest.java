package dev.pendingconsole.ops;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.MessageCodec;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.support.RedisServer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServer.class)
class SessionScanTest {

    private RedisGateway redis;
    private SessionScan scan;

    @BeforeEach
    void connect(RedisServer.Fresh server) {
        redis = server.gateway();
        scan = new SessionScan(redis, KeySchema.SEED);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void meta(String session, String status) {
        redis.lettuce(r -> r.hset(b("chat:task:meta:" + session), Map.of(b("status"), b(status), b("user_id"), b("u-" + session))));
    }

    private Map<String, BufferSummary> bySession(List<BufferSummary> all) {
        return all.stream().collect(Collectors.toMap(s -> s.session().text(), Function.identity()));
    }

    /** Buffers of every shape beside keys that only look like them; returns the odd session id among them. */
    private String keyspaceFullOfDecoys() {
        PendingBuffers plain = new PendingBuffers(redis, KeySchema.SEED);
        PendingBuffers tagged = new PendingBuffers(redis, KeySchema.SEED.withLayout(KeyLayout.HASH_TAG));
        plain.push(SessionId.of("healthy"), PendingMessage.of("hi"));
        meta("healthy", "running");
        tagged.push(SessionId.of("tagged"), PendingMessage.of("hi"));
        meta("tagged", "running");
        String odd = "odd *?[]\\ id\n\u00e9\ud83d\ude00";
        plain.push(SessionId.of(odd), PendingMessage.of("hi"));
        meta(odd, "running");
        byte[][] many = new byte[5_000][];
        for (int i = 0; i < many.length; i++) {
            many[i] = MessageCodec.encode(PendingMessage.of("bulk " + i));
        }
        redis.lettuce(r -> r.rpush(b("copilot:pending:huge"), many));
        redis.lettuce(r -> r.rpush(b("copilot:pending:forever"), MessageCodec.encode(PendingMessage.of("x"))));
        byte[][] ten = Arrays.copyOf(many, 10);
        redis.lettuce(r -> r.rpush(b("copilot:pending:at-cap"), ten));
        redis.lettuce(r -> r.expire(b("copilot:pending:at-cap"), 3600));
        redis.lettuce(r -> r.rpush(b("copilot:pending:broken"), b("{\"content\":\"ok\"}"), b("{nope"), new byte[] {(byte) 0xff}));
        redis.lettuce(r -> r.expire(b("copilot:pending:broken"), 3600));
        redis.lettuce(r -> r.set(b("copilot:pending:a-string"), b("not a list")));
        redis.lettuce(r -> r.hset(b("copilot:pending:a-hash"), b("f"), b("v")));
        redis.lettuce(r -> r.sadd(b("copilot:pending:a-set"), b("m")));
        redis.lettuce(r -> r.zadd(b("copilot:pending:a-zset"), 1.0, b("m")));
        redis.lettuce(r -> r.setex(b("copilot:pending:calls:user-1"), 60, b("3")));
        redis.lettuce(r -> r.rpush(b("copilot:pending:calls:looks-like-a-list"), b("x")));
        redis.lettuce(r -> r.set(b("copilot:pending:client-msg:s1:m1"), b("1")));
        redis.lettuce(r -> r.rpush(b("copilot:pending-persist:s1"), b("{\"content\":\"p\"}")));
        redis.lettuce(r -> r.rpush(b("unrelated:list"), b("x")));
        byte[] binaryKey = {'c', 'o', 'p', 'i', 'l', 'o', 't', ':', 'p', 'e', 'n', 'd', 'i', 'n', 'g', ':', (byte) 0xC3, 0x28};
        redis.lettuce(r -> r.rpush(binaryKey, MessageCodec.encode(PendingMessage.of("binary id"))));
        redis.lettuce(r -> r.expire(binaryKey, 3600));
        return odd;
    }

    @Test
    void classifiesEveryKeyOfAKeyspaceFullOfDecoys() {
        String odd = keyspaceFullOfDecoys();

        List<BufferSummary> buffers = new ArrayList<>();
        List<OtherKey> others = new ArrayList<>();
        SessionScan.Progress done = scan.run(SessionScan.Options.ALL, page -> {
            buffers.addAll(page.buffers());
            others.addAll(page.others());
        }, () -> false);

        Map<String, BufferSummary> found = bySession(buffers);
        assertThat(found.keySet()).containsExactlyInAnyOrder("healthy", "tagged", odd, "huge", "forever", "broken", "at-cap",
                new String(new byte[] {(byte) 0xC3, 0x28}, StandardCharsets.UTF_8), "a-string", "a-hash", "a-set", "a-zset");
        for (String wrong : List.of("a-string", "a-hash", "a-set", "a-zset")) { // issue 25: where a buffer belongs
            assertThat(found.get(wrong).stuck()).as(wrong).containsExactly(StuckReason.WRONG_TYPE);
            assertThat(found.get(wrong).length()).isZero();
        }
        assertThat(found.get("tagged").ref().layout()).isEqualTo(KeyLayout.HASH_TAG);
        assertThat(found.get("healthy").stuck()).isEmpty();
        assertThat(found.get("healthy").turn().orElseThrow().userId()).isEqualTo("u-healthy");
        assertThat(found.get(odd).stuck()).isEmpty();
        assertThat(found.get("huge").length()).isEqualTo(5_000);
        assertThat(found.get("huge").stuck()).contains(StuckReason.OVER_CAP, StuckReason.NO_TTL);
        assertThat(found.get("forever").stuck()).containsExactly(StuckReason.NO_TTL);
        assertThat(found.get("at-cap").length()).as("a head as long as the cap is measured").isEqualTo(10);
        assertThat(found.get("at-cap").stuck()).isEmpty();
        assertThat(found.get("broken").unreadable()).isEqualTo(2);
        assertThat(found.get("broken").stuck()).containsExactly(StuckReason.UNREADABLE);
        assertThat(others).extracting(OtherKey::keyText).containsExactlyInAnyOrder(
                "copilot:pending:a-string", "copilot:pending:a-hash", "copilot:pending:a-set", "copilot:pending:a-zset",
                "copilot:pending:calls:user-1", "copilot:pending:calls:looks-like-a-list",
                "copilot:pending:client-msg:s1:m1");
        assertThat(others).filteredOn(o -> o.keyText().equals("copilot:pending:a-zset")).extracting(OtherKey::type)
                .containsExactly("zset");
        assertThat(done.done()).isTrue();
        assertThat(done.buffers()).isEqualTo(12);
    }

    @Test
    void findsTheSameWhateverTheBatchSize() {
        keyspaceFullOfDecoys();
        List<String> whole = findings(SessionScan.Options.ALL);
        // a key's second command (TYPE where a buffer key is not a list, LLEN where a head is full) is sent a
        // batch later and read a batch after that: tiny batches put every key in a batch of its own
        for (int size : new int[] {1, 2, 3}) {
            assertThat(findings(new SessionScan.Options(null, true, size, StuckRules.DEFAULT))).as("batches of %d", size)
                    .containsExactlyInAnyOrderElementsOf(whole);
        }
        assertThat(whole).hasSize(19);
    }

    private List<String> findings(SessionScan.Options options) {
        List<String> found = new ArrayList<>();
        scan.run(options, page -> {
            page.buffers().forEach(b -> found.add(b.session().text() + " " + b.length() + " " + b.stuck() + " " + b.unreadable()));
            page.others().forEach(o -> found.add(o.keyText() + " " + o.type()));
        }, () -> false);
        return found;
    }

    @Test
    void aBufferIdleForLongerThanTheThresholdWithoutARunningTurnIsStuck() {
        PendingBuffers buffers = new PendingBuffers(redis, KeySchema.SEED);
        for (String s : List.of("idle-completed", "idle-no-meta", "idle-running", "fresh-completed")) {
            buffers.push(SessionId.of(s), PendingMessage.of("x"));
        }
        for (String s : List.of("idle-completed", "idle-no-meta", "idle-running")) {
            redis.lettuce(r -> r.expire(b("copilot:pending:" + s), 3600 - 600)); // last push 10 minutes ago
        }
        meta("idle-completed", "completed");
        meta("idle-running", "running");
        meta("fresh-completed", "completed");

        Map<String, BufferSummary> found = bySession(scan.all(SessionScan.Options.ALL));

        assertThat(found.get("idle-completed").stuck()).containsExactly(StuckReason.IDLE);
        assertThat(found.get("idle-no-meta").stuck()).containsExactly(StuckReason.IDLE);
        assertThat(found.get("idle-running").stuck()).isEmpty();
        assertThat(found.get("fresh-completed").stuck()).isEmpty();
        assertThat(found.get("idle-completed").lastPushAge().orElseThrow()).isBetween(Duration.ofSeconds(595), Duration.ofSeconds(605));
        Map<String, BufferSummary> lenient = bySession(scan.all(SessionScan.Options.ALL.withRules(new StuckRules(Duration.ofMinutes(15)))));
        assertThat(lenient.get("idle-completed").stuck()).isEmpty();
    }

    @Test
    void streamsPagesWithProgressAndStopsWhenCancelled() {
        PendingBuffers buffers = new PendingBuffers(redis, KeySchema.SEED);
        for (int i = 0; i < 500; i++) {
            buffers.push(SessionId.of("s" + i), PendingMessage.of("x"));
        }
        List<SessionScan.Progress> progress = new ArrayList<>();
        SessionScan.Options small = new SessionScan.Options(null, true, 50, StuckRules.DEFAULT);
        scan.run(small, page -> progress.add(page.progress()), () -> false);
        assertThat(progress.size()).isGreaterThan(3);
        assertThat(progress).extracting(SessionScan.Progress::scanned).isSorted();
        assertThat(progress.get(progress.size() - 1).buffers()).isEqualTo(500);
        assertThat(progress.get(0).estimate()).isGreaterThanOrEqualTo(500);

        AtomicInteger pages = new AtomicInteger();
        SessionScan.Progress cancelled = scan.run(small, page -> pages.incrementAndGet(), () -> pages.get() >= 2);
        assertThat(cancelled.cancelled()).isTrue();
        assertThat(cancelled.buffers()).isLessThan(500);
        // the cancelled scan left batches in flight on the connection; the next scan reads past their replies
        assertThat(scan.run(small, page -> { }, () -> false).buffers()).isEqualTo(500);
        assertThat(scan.all(SessionScan.Options.ALL)).hasSize(500);
    }

    @Test
    void aGlobFiltersSessionsAndGlobCharactersInIdsAreData() {
        PendingBuffers buffers = new PendingBuffers(redis, KeySchema.SEED);
        for (String s : List.of("team-a-1", "team-a-2", "team-b-1", "star*id")) {
            buffers.push(SessionId.of(s), PendingMessage.of("x"));
        }
        assertThat(bySession(scan.all(SessionScan.Options.ALL.withGlob("team-a-*"))).keySet())
                .containsExactlyInAnyOrder("team-a-1", "team-a-2");
        assertThat(bySession(scan.all(SessionScan.Options.ALL.withGlob("star\\*id"))).keySet())
                .containsExactly("star*id");
        assertThat(Set.copyOf(bySession(scan.all(SessionScan.Options.ALL.withGlob("team-[ab]-1"))).keySet()))
                .containsExactlyInAnyOrder("team-a-1", "team-b-1");
    }
}
