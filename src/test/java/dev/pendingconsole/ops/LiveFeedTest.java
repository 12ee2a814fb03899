package dev.pendingconsole.ops;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.PublishMode;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.support.RedisServer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServer.class)
class LiveFeedTest {

    private RedisGateway redis;
    private final BlockingQueue<LiveFeed.PushEvent> events = new LinkedBlockingQueue<>();

    @BeforeEach
    void connect(RedisServer.Fresh server) {
        redis = server.gateway();
    }

    @Test
    void subscribesAndReportsEachPushWithItsSession() throws Exception {
        try (LiveFeed feed = LiveFeed.start(redis, KeySchema.SEED, events::add, Duration.ofSeconds(1))) {
            assertThat(feed.mode()).isEqualTo(LiveFeed.Mode.SUBSCRIBED);
            new PendingBuffers(redis, KeySchema.SEED).push(SessionId.of("a b*"), PendingMessage.of("x"));
            new PendingBuffers(redis, KeySchema.SEED.withLayout(KeyLayout.HASH_TAG)).push(SessionId.of("t"), PendingMessage.of("y"));
            LiveFeed.PushEvent first = events.poll(5, TimeUnit.SECONDS);
            LiveFeed.PushEvent second = events.poll(5, TimeUnit.SECONDS);
            assertThat(first.ref()).isEqualTo(new BufferRef(SessionId.of("a b*"), KeyLayout.PLAIN));
            // the channel has no hash tag in either generation, so it names the session, not the layout
            assertThat(second.ref().session()).isEqualTo(SessionId.of("t"));
        }
    }

    @Test
    void pollsWhenTheBackendPublishesShardedAndSaysSo() throws Exception {
        KeySchema sharded = KeySchema.SEED.withPublishMode(PublishMode.NONE);
        PendingBuffers buffers = new PendingBuffers(redis, sharded);
        buffers.push(SessionId.of("existing"), PendingMessage.of("x"));
        try (LiveFeed feed = LiveFeed.start(redis, sharded.withPublishMode(PublishMode.SPUBLISH), events::add,
                Duration.ofMillis(200))) {
            assertThat(feed.mode()).isEqualTo(LiveFeed.Mode.POLLING);
            Thread.sleep(500); // let the first poll take its baseline
            buffers.push(SessionId.of("existing"), PendingMessage.of("y"));
            buffers.push(SessionId.of("new"), PendingMessage.of("z"));
            Set<String> sessions = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                LiveFeed.PushEvent e = events.poll(5, TimeUnit.SECONDS);
                assertThat(e).isNotNull();
                sessions.add(e.ref().session().text());
            }
            assertThat(sessions).containsExactlyInAnyOrder("existing", "new");
        }
    }
}
