package dev.pendingconsole.ui.inject;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ops.write.Confirmer;
import dev.pendingconsole.support.Door;
import dev.pendingconsole.support.RedisServer;
import dev.pendingconsole.ui.common.Background;
import dev.pendingconsole.ui.common.Notice;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Inject form's view model without a window: its background work runs on the calling thread
 * ({@link Background#onCallingThread()}), its pushes go through the real write door to a real Redis.
 */
@ExtendWith(RedisServer.class)
class InjectViewModelTest {

    private final List<Notice> notices = new ArrayList<>();
    private final List<BufferRef> changed = new ArrayList<>();
    private Workspace ws;

    @BeforeEach
    void open(RedisServer.Fresh redis) {
        ws = redis.workspace(KeySchema.SEED, false);
    }

    private InjectViewModel model(Confirmer confirmer) {
        return new InjectViewModel(ws, Background.onCallingThread(), confirmer, notices::add, changed::add);
    }

    private long llen(String key) {
        return ws.count(BufferRef.fromKey(ws.schema(), key.getBytes(StandardCharsets.UTF_8)).orElseThrow());
    }

    @Test
    void aPinnedHashTagBufferIsPushedToByItsIdentityNotByItsText() {
        InjectViewModel model = model(Door.YES);
        BufferRef tagged = new BufferRef(SessionId.of("s-tag"), KeyLayout.HASH_TAG);
        model.setTarget(tagged, 0, "u1");
        model.contentProperty().set("to the {} buffer");
        assertThat(model.validProperty().get()).as(model.errorProperty().get()).isTrue();
        assertThat(model.onlyIfRunningProperty().get()).as("today's backend pushes only into a running turn").isTrue();
        model.push();
        assertThat(notices).last().satisfies(n -> assertThat(n.text()).isEqualTo("Nothing pushed: no running turn for s-tag."));
        assertThat(llen("copilot:pending:{s-tag}")).isZero();
        model.onlyIfRunningProperty().set(false);
        model.push();
        assertThat(llen("copilot:pending:{s-tag}")).isEqualTo(1);
        assertThat(llen("copilot:pending:s-tag")).as("not the plain key of the same text").isZero();
        assertThat(model.targetTextProperty().get()).contains("copilot:pending:{s-tag}", "user u1");
    }

    @Test
    void typingANewIdAimsAtThatSessionInTheServersLayout() {
        InjectViewModel model = model(Door.YES);
        model.setTarget(new BufferRef(SessionId.of("s-tag"), KeyLayout.HASH_TAG), 0, null);
        model.sessionProperty().set("typed-one");
        assertThat(model.targetProperty().get()).isEqualTo(new BufferRef(SessionId.of("typed-one"), KeyLayout.PLAIN));
        model.sessionProperty().set("");
        assertThat(model.targetProperty().get()).isNull();
        assertThat(model.validProperty().get()).isFalse();
    }

    @Test
    void aPushThatEvictsWarnsFirstThenEvictsTheOldestAsTheEndpointDoesWithABackup() {
        InjectViewModel model = model((plan, question) -> Optional.empty()); // a question would be a "no"
        InjectViewModel filler = model(Door.YES);
        filler.sessionProperty().set("full");
        filler.contentProperty().set("fill");
        filler.repeatProperty().set(10);
        filler.everyMillisProperty().set(0);
        filler.push();
        assertThat(llen("copilot:pending:full")).isEqualTo(10);

        model.sessionProperty().set("full");
        model.contentProperty().set("one more");
        model.repeatProperty().set(1);
        model.currentLengthProperty().set(10);
        assertThat(model.warningProperty().get()).contains("evict the oldest entry");
        model.push();
        assertThat(notices).last().satisfies(n -> assertThat(n.text()).contains("1 evicted (backed up)"));
        assertThat(llen("copilot:pending:full")).isEqualTo(10);
        assertThat(model.pushingProperty().get()).isFalse();
    }

    @Test
    void aRepeatReportsProgressAndOffersUndo() {
        InjectViewModel model = model(Door.YES);
        model.sessionProperty().set("repeat");
        model.contentProperty().set("again");
        model.repeatProperty().set(3);
        model.everyMillisProperty().set(0);
        model.push();
        assertThat(llen("copilot:pending:repeat")).isEqualTo(3);
        assertThat(changed).hasSizeGreaterThanOrEqualTo(3).allMatch(r -> r.session().text().equals("repeat"));
        Notice done = notices.get(notices.size() - 1);
        assertThat(done.text()).startsWith("Pushed 3 messages to repeat; 3/10 pending");
        done.action().run(); // Undo
        assertThat(llen("copilot:pending:repeat")).isZero();
    }

    @Test
    void aTypedIdFindsItsBufferWhereverItIsAndWarnsBeforeAnEviction() {
        InjectViewModel filler = model(Door.YES);
        filler.setTarget(new BufferRef(SessionId.of("typed-full"), KeyLayout.HASH_TAG), 0, null);
        filler.onlyIfRunningProperty().set(false);
        filler.contentProperty().set("fill");
        filler.repeatProperty().set(10);
        filler.everyMillisProperty().set(0);
        filler.push();
        assertThat(llen("copilot:pending:{typed-full}")).isEqualTo(10);

        InjectViewModel model = model(Door.YES);
        model.contentProperty().set("one more");
        model.sessionProperty().set("typed-full");
        assertThat(model.targetProperty().get()).as("the hash-tagged buffer that exists, not the schema's layout")
                .isEqualTo(new BufferRef(SessionId.of("typed-full"), KeyLayout.HASH_TAG));
        assertThat(model.currentLengthProperty().get()).isEqualTo(10);
        assertThat(model.warningProperty().get()).contains("evict the oldest entry");
        assertThat(model.targetTextProperty().get()).contains("copilot:pending:{typed-full}", "10/10");
    }
}
