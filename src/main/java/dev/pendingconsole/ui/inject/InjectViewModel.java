package dev.pendingconsole.ui.inject;

import dev.pendingconsole.core.BackendGeneration;
import dev.pendingconsole.core.InvalidMessageException;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.PendingMessageContext;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.ClearOutcome;
import dev.pendingconsole.ops.PushOutcome;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ops.write.Confirmer;
import dev.pendingconsole.ops.write.Push;
import dev.pendingconsole.ops.write.UndoPush;
import dev.pendingconsole.ui.common.Background;
import dev.pendingconsole.ui.common.Notice;
import dev.pendingconsole.ui.common.WriteRunner;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The inject form: a message built and validated exactly as the backend's endpoint does, shown live; a
 * preview of what the model will see; a warning when the push will evict the oldest entry; and "repeat N
 * times every T ms" for developers simulating a user typing, with progress and Stop.
 *
 * <p>The target is a buffer's identity ({@link #targetProperty()}): it follows the session pinned in the
 * table, or the id the operator typed (in the schema's own layout), never a row. Pushes go through the
 * workspace's write door: a push that evicts shows what and asks; every push is audited.
 */
public final class InjectViewModel {

    private final Workspace ws;
    private final WriteRunner writes;
    private final Consumer<Notice> notices;
    private final Consumer<BufferRef> changed;
    private final StringProperty session = new SimpleStringProperty("");
    private String targetUser;
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
    private final ObjectProperty<BufferRef> target = new SimpleObjectProperty<>();
    private final StringProperty targetText = new SimpleStringProperty("");
    private final StringProperty progressText = new SimpleStringProperty("");
    private final BooleanProperty onlyIfRunning = new SimpleBooleanProperty();
    private volatile boolean stop;
    private boolean settingTarget;

    public InjectViewModel(Workspace ws, Background background, Confirmer confirmer, Consumer<Notice> notices,
                           Consumer<BufferRef> changed) {
        this.ws = ws;
        this.writes = new WriteRunner(ws, background, confirmer, notices);
        this.notices = notices;
        this.changed = changed;
        session.addListener((o, a, typed) -> {
            if (!settingTarget) { // the operator typed an id: the schema's layout at once, then where it really is
                target.set(typed == null || typed.isEmpty() ? null : refOf(typed));
                currentLength.set(0);
                targetText.set("");
                if (target.get() != null) {
                    locate(typed);
                }
            }
        });
        for (ObservableValue<?> v : List.of(session, content, fileIds, pageUrl, pageContent, repeat, currentLength, target)) {
            v.addListener((o, a, b) -> validate());
        }
        validate();
    }

    /**
     * Finds the typed session's buffer in whichever layout holds it (or where the connection's backend
     * would create it) and its length, off the FX thread, so that the eviction warning and the target line
     * hold for a typed id as for a picked row. A newer keystroke wins.
     */
    private void locate(String typed) {
        writes.background().run(() -> {
            BufferRef ref = ws.locate(SessionId.of(typed));
            return Map.entry(ref, ws.count(ref));
        }, found -> {
            if (typed.equals(session.get())) {
                setTarget(found.getKey(), found.getValue(), null);
            }
        }, failed -> {
            if (typed.equals(session.get())) {
                targetText.set("Target: " + typed + " · " + Notice.describe(failed));
            }
        });
    }

    private BufferRef refOf(String typed) {
        try {
            return ws.ref(SessionId.of(typed));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Aims the form at a buffer by identity (the pinned row), with its length as last seen and its user. */
    public void setTarget(BufferRef ref, long length, String user) {
        targetUser = user;
        settingTarget = true;
        try {
            if (!ref.equals(target.get())) { // today's backend pushes only into a running turn: so does the form, at first
                onlyIfRunning.set(ref.generation() == BackendGeneration.CURRENT);
            }
            target.set(ref);
            session.set(ref.session().text());
            currentLength.set(length);
            targetText.set("Target: " + ref.keyText(ws.schema()) + (user == null ? "" : "  \u00b7  user " + user)
                    + "  \u00b7  " + length + "/" + ws.schema().cap());
        } finally {
            settingTarget = false;
        }
    }

    /**
     * The target's length as a read just found it (the table's look-up after a push from elsewhere, a
     * re-scan; 0 when its buffer is gone): the target line and the eviction warning follow the feed.
     */
    public void lengthRead(BufferRef ref, long length) {
        if (ref.equals(target.get()) && length != currentLength.get()) {
            setTarget(ref, length, targetUser);
        }
    }

    /** The buffer a push goes to; null until a session is chosen or typed. */
    public ObjectProperty<BufferRef> targetProperty() {
        return target;
    }

    /** The target as shown above the form: key, user, length/cap. */
    public StringProperty targetTextProperty() {
        return targetText;
    }

    /** Push only while the target's turn is running, as today's HTTP route does. */
    public BooleanProperty onlyIfRunningProperty() {
        return onlyIfRunning;
    }

    /** "3 of 10 pushed" while a repeat runs. */
    public StringProperty progressTextProperty() {
        return progressText;
    }

    /** Stops a repeat after the push under way; the pushes so far stay. */
    public void stop() {
        stop = true;
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
        if (target.get() == null) {
            problem = session.get().isEmpty() ? "Choose a session (select one in the table or type an id)."
                    : "Not a session id: " + session.get();
        } else {
            try {
                message = target.get().generation().check(build());
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
        int cap = ws.schema().cap();
        long after = length + Math.max(1, repeat.get());
        warning.set(message != null && after > cap
                ? "The buffer holds " + length + " of " + cap + ": this will evict the oldest "
                + (after - cap == 1 ? "entry" : (after - cap) + " entries") + "."
                : "");
    }

    /**
     * Pushes the message (N times, T ms apart) with the backend's script and notify, through the write door:
     * it reads the target's length now, and a push that evicts lists the entries, asks and backs them up.
     */
    public void push() {
        if (!valid.get() || pushing.get()) {
            return;
        }
        PendingMessage message = build();
        BufferRef ref = target.get();
        int times = repeat.get();
        long every = everyMillis.get();
        Consumer<Integer> progressOnFx = writes.background().toFx(n -> {
            progressText.set(times == 1 ? "" : n + " of " + times + " pushed");
            changed.accept(ref);
        });
        stop = false;
        pushing.set(true);
        progressText.set(times == 1 ? "" : "0 of " + times + " pushed");
        boolean gated = onlyIfRunning.get();
        writes.run("Push", new Push(ref, message, times, every, gated, () -> stop, progressOnFx::accept),
                (PushOutcome outcome) -> {
                    currentLength.set(outcome.length());
                    changed.accept(ref);
                    String done = "Pushed " + (outcome.pushed() == 1 ? "1 message" : outcome.pushed() + " messages")
                            + " to " + ref.session() + "; " + outcome.length() + "/" + ws.schema().cap() + " pending"
                            + (outcome.evicted() > 0 ? ", " + outcome.evicted() + " evicted (backed up)" : "") + ".";
                    switch (outcome.status()) {
                        case DONE -> notices.accept(Notice.withAction(done, "Undo", () -> undo(outcome)));
                        case STOPPED -> notices.accept(Notice.withAction("Stopped. " + done, "Undo", () -> undo(outcome)));
                        case NO_RUNNING_TURN -> notices.accept(Notice.error((outcome.pushed() == 0 ? "Nothing pushed: "
                                : "Stopped after " + outcome.pushed() + ": ") + "no running turn for " + ref.session() + "."));
                        case CHANGED -> notices.accept(Notice.error((outcome.pushed() == 0 ? "Nothing pushed: "
                                : "Stopped after " + outcome.pushed() + ": ") + ref.session()
                                + " changed since it was read (a push or drain landed); look again."));
                    }
                }, () -> {
                    pushing.set(false);
                    progressText.set("");
                });
    }

    private void undo(PushOutcome pushed) {
        writes.run("Undo", new UndoPush(pushed), outcome -> {
            changed.accept(pushed.ref());
            notices.accept(outcome.status() == ClearOutcome.Status.CLEARED
                    ? Notice.info("Undone: removed the pushed " + (outcome.removed() == 1 ? "message" : "messages")
                    + (pushed.evicted() > 0 ? " and restored the evicted entries." : "."))
                    : Notice.error("Not undone: the pushed messages are no longer the last entries (drained, or pushed after)."));
        });
    }
}
