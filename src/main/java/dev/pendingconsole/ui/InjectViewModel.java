package dev.pendingconsole.ui;

import dev.pendingconsole.core.InvalidMessageException;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.PendingMessageContext;
import dev.pendingconsole.core.PushResult;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.Operations;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The inject form: a message built and validated exactly as the backend's endpoint does, shown live; a
 * preview of what the model will see; a warning when the push will evict the oldest entry; and "repeat N
 * times every T ms" for developers simulating a user typing.
 */
public final class InjectViewModel {

    private final Operations ops;
    private final Background background;
    private final Consumer<Notice> notices;
    private final Consumer<BufferRef> changed;
    private final StringProperty session = new SimpleStringProperty("");
    private final StringProperty content = new SimpleStringProperty("");
    private final StringProperty fileIds = new SimpleStringProperty("");
    private final StringProperty pageUrl = new SimpleStringProperty("");
    private final StringProperty pageContent = new SimpleStringProperty("");
    private final IntegerProperty repeat = new SimpleIntegerProperty(1);
    private final LongProperty everyMillis = new SimpleLongProperty(1_000);
    private final LongProperty currentLength = new SimpleLongProperty();
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty preview = new SimpleStringProperty("");
    private final StringProperty warning = new SimpleStringProperty("");
    private final BooleanProperty valid = new SimpleBooleanProperty();
    private final BooleanProperty pushing = new SimpleBooleanProperty();

    public InjectViewModel(Operations ops, Background background, Consumer<Notice> notices, Consumer<BufferRef> changed) {
        this.ops = ops;
        this.background = background;
        this.notices = notices;
        this.changed = changed;
        for (ObservableValue<?> v : List.of(session, content, fileIds, pageUrl, pageContent, repeat, currentLength)) {
            v.addListener((o, a, b) -> validate());
        }
        validate();
    }

    public StringProperty sessionProperty() {
        return session;
    }

    public StringProperty contentProperty() {
        return content;
    }

    /** File ids separated by commas, spaces or new lines. */
    public StringProperty fileIdsProperty() {
        return fileIds;
    }

    public StringProperty pageUrlProperty() {
        return pageUrl;
    }

    public StringProperty pageContentProperty() {
        return pageContent;
    }

    public IntegerProperty repeatProperty() {
        return repeat;
    }

    public LongProperty everyMillisProperty() {
        return everyMillis;
    }

    /** The target buffer's length as last seen, for the eviction warning. */
    public LongProperty currentLengthProperty() {
        return currentLength;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty previewProperty() {
        return preview;
    }

    public StringProperty warningProperty() {
        return warning;
    }

    public BooleanProperty validProperty() {
        return valid;
    }

    public BooleanProperty pushingProperty() {
        return pushing;
    }

    private PendingMessage build() {
        List<String> ids = Arrays.stream(fileIds.get().split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
        String url = pageUrl.get().isEmpty() ? null : pageUrl.get();
        String page = pageContent.get().isEmpty() ? null : pageContent.get();
        PendingMessageContext context = url == null && page == null ? null : new PendingMessageContext(url, page);
        return new PendingMessage(content.get(), ids, context);
    }

    private void validate() {
        String problem = null;
        PendingMessage message = null;
        if (session.get().isEmpty()) {
            problem = "Choose a session (select one in the table or type an id).";
        } else {
            try {
                message = build();
            } catch (InvalidMessageException e) {
                problem = e.getMessage();
            }
        }
        if (problem == null && repeat.get() < 1) {
            problem = "Repeat at least once.";
        }
        error.set(problem == null ? "" : problem);
        valid.set(problem == null);
        preview.set(message == null ? "" : message.modelView());
        long length = currentLength.get();
        int cap = ops.schema().cap();
        long after = length + Math.max(1, repeat.get());
        warning.set(message != null && after > cap
                ? "The buffer holds " + length + " of " + cap + ": this will evict the oldest "
                + (after - cap == 1 ? "entry" : (after - cap) + " entries") + "."
                : "");
    }

    /** Pushes the message (N times, T ms apart) with the backend's script and notify. */
    public void push() {
        if (!valid.get() || pushing.get()) {
            return;
        }
        PendingMessage message = build();
        SessionId id = SessionId.of(session.get());
        BufferRef ref = ops.ref(id);
        Consumer<BufferRef> changedOnFx = background.toFx(changed);
        int times = repeat.get();
        long every = everyMillis.get();
        pushing.set(true);
        background.run(() -> {
            PushResult last = null;
            long evicted = 0;
            for (int i = 0; i < times; i++) {
                if (i > 0) {
                    Thread.sleep(Math.max(0, every));
                }
                last = ops.buffers(ref).push(id, message);
                evicted += last.evicted();
                changedOnFx.accept(ref);
            }
            return new long[] {last.length(), evicted};
        }, result -> {
            pushing.set(false);
            currentLength.set(result[0]);
            notices.accept(Notice.info("Pushed " + (times == 1 ? "1 message" : times + " messages") + " to " + id + "; "
                    + result[0] + "/" + ops.schema().cap() + " pending" + (result[1] > 0 ? ", " + result[1] + " evicted" : "") + "."));
        }, failure -> {
            pushing.set(false);
            notices.accept(Notice.error("Push failed: " + ConnectViewModel.describe(failure)));
        });
    }
}
