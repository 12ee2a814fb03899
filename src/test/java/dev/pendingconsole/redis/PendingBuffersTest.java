package dev.pendingconsole.redis;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.BufferPage;
import dev.pendingconsole.core.DrainResult;
import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.MessageCodec;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.PendingMessageContext;
import dev.pendingconsole.core.PushResult;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.support.RedisServer;
import dev.pendingconsole.support.TestRedis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServer.class)
class PendingBuffersTest {

    private RedisGateway redis;
    private PendingBuffers buffers;
    private final SessionId session = SessionId.of("sess-1");

    @BeforeEach
    void connect(RedisServer.Fresh server) {
        redis = server.gateway();
        buffers = new PendingBuffers(redis, KeySchema.SEED);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void rawPush(String key, byte[]... values) {
        redis.lettuce(r -> r.rpush(utf8(key), values));
    }

    private static List<String> contents(DrainResult result) {
        return result.messages().stream().map(v -> v.message().content()).toList();
    }

    @Test
    void drainReturnsMessagesOldestFirstAndEmptiesTheBuffer() {
        for (int i = 0; i < 3; i++) {
            assertThat(buffers.push(session, PendingMessage.of("msg " + i)).length()).isEqualTo(i + 1);
        }
        assertThat(buffers.count(session)).isEqualTo(3);
        assertThat(contents(buffers.drain(session))).containsExactly("msg 0", "msg 1", "msg 2");
        assertThat(buffers.count(session)).isZero();
        assertThat(redis.<Long>lettuce(r -> r.exists(KeySchema.SEED.bufferKey(session)))).isZero();
    }

    @Test
    void drainOfAMissingBufferIsEmpty() {
        DrainResult result = buffers.drain(SessionId.of("nope"));
        assertThat(result.messages()).isEmpty();
        assertThat(result.dropped()).isEmpty();
    }

    @Test
    void pushStoresExactlyTheEncodedBytes() {
        PendingMessage message = new PendingMessage("h\u00e9llo \ud83d\ude00 \"q\"\n", List.of("f1"),
                new PendingMessageContext("https://x", null));
        buffers.push(session, message);
        byte[] stored = redis.lettuce(r -> r.lindex(KeySchema.SEED.bufferKey(session), 0));
        assertThat(stored).isEqualTo(MessageCodec.encode(message));
    }

    @Test
    void theCapTrimsTheOldestAndReportsTheEviction() {
        for (int i = 0; i < 10; i++) {
            assertThat(buffers.push(session, PendingMessage.of("m" + i)).evicted()).isZero();
        }
        PushResult eleventh = buffers.push(session, PendingMessage.of("m10"));
        assertThat(eleventh).isEqualTo(new PushResult(10, 10, 1));
        buffers.push(session, PendingMessage.of("m11"));
        buffers.push(session, PendingMessage.of("m12"));
        List<String> drained = contents(buffers.drain(session));
        assertThat(drained).hasSize(10).startsWith("m3").endsWith("m12");
    }

    @Test
    void aPushOntoAnOverCapListTrimsItToTheCapAndCountsEveryEviction() {
        for (int i = 0; i < 14; i++) {
            rawPush("copilot:pending:sess-1", MessageCodec.encode(PendingMessage.of("old" + i)));
        }
        PushResult result = buffers.push(session, PendingMessage.of("new"));
        assertThat(result.length()).isEqualTo(10);
        assertThat(result.evicted()).isEqualTo(5);
    }

    @Test
    void everyPushSetsTheTtlAfresh() {
        byte[] key = KeySchema.SEED.bufferKey(session);
        buffers.push(session, PendingMessage.of("a"));
        assertThat(redis.<Long>lettuce(r -> r.ttl(key))).isBetween(3590L, 3600L);
        redis.lettuce(r -> r.expire(key, 5));
        buffers.push(session, PendingMessage.of("b"));
        assertThat(redis.<Long>lettuce(r -> r.ttl(key))).isBetween(3590L, 3600L);
    }

    @Test
    void aRealSubscriberReceivesTheNotifyAfterEachPush() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        RedisClient client = RedisClient.create(TestRedis.shared().url());
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub()) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    received.add(channel + "=" + message);
                }
            });
            sub.sync().subscribe("copilot:pending:notify:sess-1");
            buffers.push(session, PendingMessage.of("hello"));
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("copilot:pending:notify:sess-1=1");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void drainSkipsUnparsableEntriesButReportsThemWithTheirBytes() {
        byte[] notUtf8 = {'{', '"', 'c', (byte) 0xff, '}'};
        rawPush("copilot:pending:sess-1",
                utf8("{\"content\":\"valid\"}"),
                utf8("{not valid json"),
                notUtf8,
                utf8("{\"content\":\"also valid\",\"file_ids\":[\"a\"],\"id\":\"x-1\"}"));
        DrainResult result = buffers.drain(session);
        assertThat(contents(result)).containsExactly("valid", "also valid");
        assertThat(result.messages().get(1).message().unknownFields()).containsEntry("id", "\"x-1\"");
        assertThat(result.dropped()).extracting(e -> e.raw().bytes())
                .containsExactly(utf8("{not valid json"), notUtf8);
        assertThat(buffers.count(session)).isZero();
    }

    @Test
    void peekReportsEveryEntryWithoutConsumingIt() {
        rawPush("copilot:pending:sess-1",
                utf8("{\"content\":\"one\"}"),
                utf8("[\"wrong shape\"]"),
                utf8("{\"content\":\"three\"}"));
        BufferPage page = buffers.peek(session, 0, 10);
        assertThat(page.length()).isEqualTo(3);
        assertThat(page.entries()).hasSize(3);
        assertThat(page.entries().get(0)).isInstanceOf(BufferEntry.Valid.class);
        assertThat(((BufferEntry.Invalid) page.entries().get(1)).reason()).isEqualTo("a JSON array, not an object");
        assertThat(buffers.count(session)).isEqualTo(3);

        BufferPage second = buffers.peek(session, 2, 10);
        assertThat(second.indexOf(0)).isEqualTo(2);
        assertThat(second.entries()).hasSize(1);
        assertThat(second.length()).isEqualTo(3);
        BufferPage beyond = buffers.peek(session, 7, 10);
        assertThat(beyond.entries()).isEmpty();
        assertThat(beyond.length()).as("an empty page past the end still tells the length").isEqualTo(3);
        assertThat(buffers.peek(session, 0, 3).length()).as("a full page asks for the length").isEqualTo(3);
        assertThat(buffers.peek(session, 0, 2).length()).isEqualTo(3);
    }

    @Test
    void peekNeverReadsMoreThanAPage() {
        byte[][] many = new byte[5_000][];
        for (int i = 0; i < many.length; i++) {
            many[i] = utf8("{\"content\":\"m" + i + "\"}");
        }
        rawPush("copilot:pending:sess-1", many);
        assertThat(buffers.peek(session, 0, PendingBuffers.MAX_PAGE).entries()).hasSize(1_000);
        assertThat(buffers.peek(session, 0, PendingBuffers.MAX_PAGE).length()).isEqualTo(5_000);
        assertThatThrownBy(() -> buffers.peek(session, 0, PendingBuffers.MAX_PAGE + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clearDeletesTheBufferAndIsIdempotent() {
        buffers.push(session, PendingMessage.of("x"));
        assertThat(buffers.clear(session)).isTrue();
        assertThat(buffers.clear(session)).isFalse();
        assertThat(buffers.count(session)).isZero();
    }

    @Test
    void pushStillWorksAfterTheServerForgetsItsScripts() {
        buffers.push(session, PendingMessage.of("a"));
        redis.lettuce(r -> r.scriptFlush());
        assertThat(buffers.push(session, PendingMessage.of("b")).length()).isEqualTo(2);
    }

    @Test
    void hashTagLayoutAndOddIdsAreStoredUnderTheLiteralKey() {
        PendingBuffers tagged = new PendingBuffers(redis, KeySchema.SEED.withLayout(KeyLayout.HASH_TAG));
        SessionId odd = SessionId.of("a*b?[c]\\ d\n\u00e9");
        tagged.push(odd, PendingMessage.of("x"));
        assertThat(redis.<Long>lettuce(r -> r.llen(utf8("copilot:pending:{a*b?[c]\\ d\n\u00e9}")))).isEqualTo(1);
        assertThat(contents(tagged.drain(odd))).containsExactly("x");
    }

    @Test
    void aKeyOfAnotherTypeIsReportedNotCorrupted() {
        redis.lettuce(r -> r.set(KeySchema.SEED.bufferKey(session), utf8("a string")));
        assertThatThrownBy(() -> buffers.push(session, PendingMessage.of("x")))
                .isInstanceOf(RedisFailure.class)
                .satisfies(e -> assertThat(((RedisFailure) e).kind()).isEqualTo(RedisFailure.Kind.WRONG_TYPE));
        assertThat(redis.<byte[]>lettuce(r -> r.get(KeySchema.SEED.bufferKey(session)))).isEqualTo(utf8("a string"));
    }

    @Test
    void aServerWithoutLpopCountIsExplainedNotMisread() {
        // Redis before 6.2 refuses LPOP key count with an arity error (and pops nothing); no such server
        // can be started here, so the explanation is checked on the error such a server sends
        RedisFailure old = new RedisFailure(RedisFailure.Kind.SERVER_ERROR,
                "ERR wrong number of arguments for 'lpop' command", null);
        assertThat(PendingBuffers.explainOldServer(old).getMessage())
                .contains("Redis 6.2").contains("nothing was drained");
    }
}
