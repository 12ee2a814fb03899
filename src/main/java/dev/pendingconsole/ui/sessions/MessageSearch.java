package dev.pendingconsole.ui.sessions;

import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.MessageMatch;
import dev.pendingconsole.ops.SessionScan;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ui.common.Background;
import dev.pendingconsole.ui.common.Notice;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A search inside the pending messages: one scan that reads every buffer's entries for the text, run
 * once per pause in typing. Knows, once it has answered, which buffers hold a match and which of their
 * entries. FX thread only; the scan runs through {@link Background}.
 */
final class MessageSearch {

    private final Workspace ops;
    private final Background background;
    private final BooleanSupplier closed;
    private final Runnable answered;
    /** The buffers with a matching entry, and which entries; null while no search has answered. */
    private volatile Map<BufferRef, List<Integer>> hits;
    private int version;
    private Background.Timer delay; // made on first use, on the FX thread
    private String text = "";
    private final StringProperty state = new SimpleStringProperty("");

    MessageSearch(Workspace ops, Background background, BooleanSupplier closed, Runnable answered) {
        this.ops = ops;
        this.background = background;
        this.closed = closed;
        this.answered = answered;
    }

    /** "Searching messages..." while a search runs, then what it found. */
    StringProperty state() {
        return state;
    }

    /** Searches for {@code text} after a pause in typing; an empty text or {@code !on} forgets the last answer. */
    void soon(String text, boolean on) {
        if (delay == null) {
            delay = background.after(Duration.ofMillis(300), () -> run(this.text));
        }
        if (!on || text.isEmpty()) {
            delay.stop();
            version++;
            hits = null;
            state.set("");
            return;
        }
        this.text = text;
        delay.restart(); // a search per pause in typing, not per keystroke
    }

    /** The buffers the last search found, or null until one has answered. */
    Map<BufferRef, List<Integer>> hits() {
        return hits;
    }

    List<Integer> matchesOf(BufferRef ref) {
        Map<BufferRef, List<Integer>> now = hits;
        return now == null ? List.of() : now.getOrDefault(ref, List.of());
    }

    private void run(String text) {
        if (closed.getAsBoolean()) {
            return;
        }
        int mine = ++version;
        state.set("Searching messages\u2026");
        MessageMatch match = MessageMatch.substring(text);
        background.run(() -> {
            Map<BufferRef, List<Integer>> found = new HashMap<>();
            ops.scan().run(SessionScan.Options.ALL.withRules(ops.rules()).withGrep(match),
                    page -> page.buffers().forEach(b -> found.put(b.ref(), b.matches())), closed);
            return found;
        }, found -> {
            if (mine != version) {
                return; // the text changed meanwhile: a newer search runs
            }
            hits = found;
            state.set(Workspace.count(found.size(), "buffer holds", "buffers hold") + " a message with '" + text + "'");
            answered.run();
        }, failure -> {
            if (mine == version) {
                state.set("Search failed: " + Notice.describe(failure));
            }
        });
    }
}
