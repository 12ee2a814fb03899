package dev.pendingconsole.ui.inspector;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.core.StoredMessage;
import dev.pendingconsole.local.AuditLog;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.ClearOutcome;
import dev.pendingconsole.ops.Inspection;
import dev.pendingconsole.ops.RemoveOutcome;
import dev.pendingconsole.ops.TtlChange;
import dev.pendingconsole.ops.TtlOutcome;
import dev.pendingconsole.ops.TurnEnd;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ops.write.Clear;
import dev.pendingconsole.ops.write.Confirmer;
import dev.pendingconsole.ops.write.Drain;
import dev.pendingconsole.ops.write.Remove;
import dev.pendingconsole.ops.write.Restore;
import dev.pendingconsole.ops.write.SetTtl;
import dev.pendingconsole.ops.write.Write;
import dev.pendingconsole.ui.common.Background;
import dev.pendingconsole.ui.common.Format;
import dev.pendingconsole.ui.common.Notice;
import dev.pendingconsole.ui.common.WriteRunner;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The inspector's state for one buffer: a page of entries, the selected entry's parsed fields, unknown
 * fields, model view and raw JSON, the turn metadata; and the actions on what is shown (clear, remove,
 * drain to file, TTL, restore), each planned and confirmed through the workspace's write door in the
 * background and reported as a {@link Notice}, with Undo after a clear, a remove, a drain or a TTL change.
 */
public final class InspectorViewModel {

    public static final int PAGE = 100;

    private final Workspace ws;
    private final WriteRunner writes;
    private final Background background;
    private final Consumer<Notice> notices;
    private final Consumer<BufferRef> changed;
    private final ObjectProperty<BufferRef> buffer = new SimpleObjectProperty<>();
    private final ObjectProperty<Inspection> inspection = new SimpleObjectProperty<>();
    private final ObservableList<EntryRow> entries = FXCollections.observableArrayList();
    private final ObjectProperty<EntryRow> selected = new SimpleObjectProperty<>();
    private final StringProperty header = new SimpleStringProperty("Select a session to inspect it.");
    private final StringProperty turn = new SimpleStringProperty("");
    private final StringProperty fields = new SimpleStringProperty("");
    private final StringProperty unknownFields = new SimpleStringProperty("");
    private final StringProperty modelView = new SimpleStringProperty("");
    private final StringProperty raw = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    /** What was done to this buffer from this machine (the audit log's lines), newest first. */
    private final StringProperty history = new SimpleStringProperty("");
    /**
     * Whether the operator can see the buffer now: its row in the table (not filtered out) and the inspector
     * tab in front. The write buttons are disabled, and the actions refuse, while it is false.
     */
    private final BooleanProperty onScreen = new SimpleBooleanProperty(true);
    private final BooleanBinding writable;
    private final StringBinding clearText;
    private final StringBinding removeText;
    private final IntegerBinding unreadable;
    private final BooleanProperty wrongType = new SimpleBooleanProperty(false);
    private final InspectorRepairs repairs;

    public InspectorViewModel(Workspace ws, Background background, Confirmer confirmer, Consumer<Notice> notices,
                              Consumer<BufferRef> changed) {
        this.ws = ws;
        this.writes = new WriteRunner(ws, background, confirmer, notices);
        this.background = background;
        this.notices = notices;
        this.changed = changed;
        this.repairs = new InspectorRepairs(this, notices);
        selected.addListener((o, a, row) -> showEntry(row));
        writable = Bindings.createBooleanBinding(() -> !ws.isReadOnly() && onScreen.get() && inspection.get() != null,
                onScreen, inspection);
        clearText = Bindings.createStringBinding(() -> {
            Inspection seen = inspection.get();
            return seen == null ? "Clear\u2026" : "Clear " + shortName(seen.ref()) + " (" + seen.page().entries().size() + ")\u2026";
        }, inspection);
        removeText = Bindings.createStringBinding(() -> selected.get() == null || buffer.get() == null ? "Remove entry\u2026"
                : "Remove #" + selected.get().index() + "\u2026", selected, buffer);
        unreadable = Bindings.createIntegerBinding(() -> inspection.get() == null ? 0
                : (int) inspection.get().page().entries().stream().filter(e -> e instanceof BufferEntry.Invalid).count(), inspection);
    }

    /** How many of the entries shown the backend cannot read. */
    public IntegerBinding unreadableProperty() {
        return unreadable;
    }

    /** A session id short enough for a button: the first 14 characters and an ellipsis. */
    static String shortName(BufferRef ref) {
        String id = ref.session().text();
        return id.codePointCount(0, id.length()) <= 15 ? id : id.substring(0, id.offsetByCodePoints(0, 14)) + "\u2026";
    }

    public BooleanProperty onScreenProperty() {
        return onScreen;
    }

    /** True when a write on the inspected buffer may be started: connected read-write, the buffer read and on screen. */
    public BooleanBinding writableProperty() {
        return writable;
    }

    /** "Clear demo-7 (3)…": the buffer a clear acts on and how many entries, the ones shown. */
    public StringBinding clearTextProperty() {
        return clearText;
    }

    /** "Remove #2…": the entry a remove acts on, by its index (the buffer is the one Clear names). */
    public StringBinding removeTextProperty() {
        return removeText;
    }

    /** False, with a notice saying why, when the buffer is not where the operator can see it. */
    boolean seen(String what) {
        if (onScreen.get()) {
            return true;
        }
        BufferRef ref = buffer.get();
        notices.accept(Notice.error(what + " not started: " + (ref == null ? "no buffer" : ref.session())
                + " is not on screen (filtered out of the table, or the inspector is behind another tab)."));
        return false;
    }

    public ObjectProperty<BufferRef> bufferProperty() {
        return buffer;
    }

    public ObjectProperty<Inspection> inspectionProperty() {
        return inspection;
    }

    public ObservableList<EntryRow> entries() {
        return entries;
    }

    public ObjectProperty<EntryRow> selectedProperty() {
        return selected;
    }

    public StringProperty headerProperty() {
        return header;
    }

    public StringProperty turnProperty() {
        return turn;
    }

    public StringProperty fieldsProperty() {
        return fields;
    }

    public StringProperty unknownFieldsProperty() {
        return unknownFields;
    }

    public StringProperty modelViewProperty() {
        return modelView;
    }

    public StringProperty rawProperty() {
        return raw;
    }

    public StringProperty historyProperty() {
        return history;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public boolean isReadOnly() {
        return ws.isReadOnly();
    }

    public void inspect(BufferRef ref) {
        inspect(ref, List.of());
    }

    /** As above, marking the entries a search inside messages matched, and selecting the first of them. */
    public void inspect(BufferRef ref, List<Integer> matching) {
        highlight = List.copyOf(matching);
        highlightFresh = !highlight.isEmpty();
        if (!ref.equals(buffer.get())) {
            selected.set(null); // another buffer: its first entry is selected once it is read
        }
        buffer.set(ref);
        load(highlight.isEmpty() ? 0 : (highlight.get(0) / PAGE) * PAGE);
    }

    private List<Integer> highlight = List.of();
    private boolean highlightFresh;

    public void nextPage() {
        Inspection current = inspection.get();
        if (current != null && current.page().offset() + PAGE < current.page().length()) {
            load(current.page().offset() + PAGE);
        }
    }

    public void previousPage() {
        Inspection current = inspection.get();
        if (current != null && current.page().offset() > 0) {
            load(Math.max(0, current.page().offset() - PAGE));
        }
    }

    public void reload() {
        Inspection current = inspection.get();
        load(current == null ? 0 : current.page().offset());
    }

    private void load(long offset) {
        BufferRef ref = buffer.get();
        if (ref == null) {
            return;
        }
        loading.set(true);
        record Read(Inspection inspection, Optional<TurnEnd> end) {
        }
        background.run(() -> {
            Inspection read = ws.inspect(ref, offset, PAGE);
            return new Read(read, read.turn().flatMap(ws::turnEnd));
        }, result -> {
            loading.set(false);
            if (!ref.equals(buffer.get())) {
                return; // the operator moved on
            }
            wrongType.set(false);
            show(result.inspection());
            result.end().ifPresent(end -> turn.set(TurnLine.of(result.inspection().turn(), result.end())));
            loadHistory(ref);
        }, failure -> {
            loading.set(false);
            boolean notAList = failure instanceof RedisFailure f && f.kind() == RedisFailure.Kind.WRONG_TYPE;
            if (ref.equals(buffer.get())) {
                wrongType.set(notAList);
                inspection.set(null); // what it showed may be gone: nothing is shown that was not just read
                entries.clear();
                header.set(ref.session().text() + "  \u2014  " + (notAList ? "not a list: " + Notice.describe(failure)
                        : "could not be read"));
            }
            notices.accept(Notice.error("Could not read " + ref.session() + ": " + Notice.describe(failure)));
        });
    }

    /** Reads the audit log's lines for {@code ref}'s session, off the FX thread. */
    private void loadHistory(BufferRef ref) {
        background.run(() -> ws.audit().history(ref.session().text()), lines -> {
            if (!ref.equals(buffer.get())) {
                return;
            }
            StringBuilder text = new StringBuilder();
            for (int i = lines.size() - 1; i >= 0; i--) {
                text.append(AuditLog.describe(lines.get(i))).append('\n');
            }
            history.set(lines.isEmpty() ? "Nothing was done to this buffer from this machine." : text.toString().strip());
        }, failure -> history.set("Could not read the audit log: " + Notice.describe(failure)));
    }

    private void show(Inspection result) {
        inspection.set(result);
        long index = result.page().offset();
        EntryRow keep = selected.get();
        entries.clear();
        for (BufferEntry e : result.page().entries()) {
            entries.add(new EntryRow(index, e, highlight.contains((int) index)));
            index++;
        }
        long length = result.page().length();
        header.set(result.ref().session().text() + "  \u2014  " + length + "/" + ws.schema().cap() + " pending"
                + (length > 0 && !entries.isEmpty() ? ", showing #" + result.page().offset() + (entries.size() == 1 ? ""
                : "\u2013#" + (result.page().offset() + entries.size() - 1)) : "")
                + "  \u00b7  " + result.ref().generation().label() + " backend"
                + "  \u00b7  TTL " + Format.duration(result.ttl()) + "  \u00b7  last push " + result.lastPushText(true)
                + " \u00b7 as of " + LocalTime.now().withNano(0));
        turn.set(TurnLine.of(result.turn(), Optional.empty()));
        // the selection is a message, not a position: the same bytes at the same index, else the same bytes
        // where they moved to, else nothing (never a neighbour that slid into its place)
        EntryRow again = keep == null ? null : entries.stream().filter(r -> r.index() == keep.index() && r.sameEntry(keep))
                .findFirst().orElse(entries.stream().filter(r -> r.sameEntry(keep)).findFirst().orElse(null));
        if (highlightFresh) { // just found by a search: show the entry that matched
            highlightFresh = false;
            again = entries.stream().filter(EntryRow::matched).findFirst().orElse(again);
        }
        selected.set(again != null ? again : keep != null || entries.isEmpty() ? null : entries.get(0));
        showEntry(selected.get());
    }

    /**
     * The most characters a text area is given: a 10 MB entry would hold the FX thread for seconds in text
     * layout. The rest is one click away (Copy raw copies everything) or in an export.
     */
    static final int SHOWN_CHARS = 100_000;
    private String fullRaw = "";

    static String shown(String text) {
        if (text.length() <= SHOWN_CHARS) {
            return text;
        }
        return text.substring(0, SHOWN_CHARS) + "\n\u2026 [" + String.format(Locale.ROOT, "%,d", text.length()) + " characters in all; the first "
                + SHOWN_CHARS / 1000 + "k characters are shown. Copy raw copies all of it; an export saves it.]";
    }

    private void showEntry(EntryRow row) {
        if (row == null) {
            fields.set("");
            unknownFields.set("");
            modelView.set("");
            raw.set("");
            fullRaw = "";
            return;
        }
        fullRaw = row.entry().raw().utf8().orElse("(not UTF-8) base64: " + row.entry().raw().base64());
        raw.set(shown(fullRaw));
        if (row.entry() instanceof BufferEntry.Valid v) {
            StoredMessage m = v.message();
            StringBuilder f = new StringBuilder();
            f.append("content: ").append(m.content().codePointCount(0, m.content().length())).append(" characters\n");
            f.append("file_ids: ").append(m.fileIds().isEmpty() ? "none" : String.join(", ", m.fileIds())).append('\n');
            f.append("context.url: ").append(m.context() == null || m.context().url() == null ? "-" : m.context().url()).append('\n');
            f.append("context.content: ").append(m.context() == null || m.context().content() == null ? "-"
                    : m.context().content().length() + " characters");
            fields.set(f.toString());
            StringBuilder u = new StringBuilder();
            m.unknownFields().forEach((k, value) -> u.append(k).append(": ").append(value).append('\n'));
            unknownFields.set(u.length() == 0 ? "none" : shown(u.toString().strip()));
            modelView.set(shown(m.modelView()));
        } else {
            String reason = ((BufferEntry.Invalid) row.entry()).reason();
            fields.set("INVALID: " + reason + "\nThe backend drops this entry when it drains the buffer.");
            unknownFields.set("");
            modelView.set("(nothing: the backend cannot read this entry (" + reason + "), so it drops it on drain"
                    + " and the model never sees it)");
        }
    }

    // ------------------------------------------------------------------ actions (each through the write door)

    /** Clears exactly the entries shown (the head page); offers Undo from the backup. */
    public void clearShown() {
        Inspection seen = inspection.get();
        if (!seen("Clear")) {
            return;
        }
        if (seen == null || !seen.showsHead()) {
            notices.accept(Notice.error("Go to the first page: a clear removes the entries shown from the head."));
            return;
        }
        write("Clear", new Clear(seen, true), seen.ref(), outcome -> {
            if (outcome.status() == ClearOutcome.Status.CLEARED) {
                Path backup = outcome.backup().orElseThrow();
                notices.accept(Notice.withAction("Cleared " + Workspace.entries(outcome.removed()) + " from "
                        + seen.ref().session() + "; " + outcome.remaining() + " left. Backup: " + backup.getFileName(),
                        "Undo", () -> undo(backup)));
            } else if (outcome.status() == ClearOutcome.Status.CHANGED) {
                notices.accept(Notice.error("Not cleared: " + seen.ref().session() + " changed since it was shown. "
                        + "Nothing was removed; look again."));
            } else {
                notices.accept(Notice.info("Nothing to clear."));
            }
        });
    }

    /** Removes the selected entry if it still holds what is shown; offers Undo, which puts it back at its index. */
    public void removeSelected() {
        EntryRow row = selected.get();
        BufferRef ref = buffer.get();
        if (row == null || ref == null || !seen("Remove")) {
            return;
        }
        write("Remove", new Remove(ref, row.index(), row.entry().raw(), true), ref, (RemoveOutcome outcome) -> {
            if (outcome.removed()) {
                Path backup = outcome.backup().orElseThrow();
                notices.accept(Notice.withAction("Removed entry " + row.index() + " of " + ref.session() + ".", "Undo",
                        () -> undo(backup)));
            } else {
                notices.accept(Notice.error("Not removed: entry " + row.index() + " changed since it was shown."));
            }
        });
    }

    /** The repairs of a stuck buffer: its unreadable entries, a key of another type, a lost notification. */
    public InspectorRepairs repairs() {
        return repairs;
    }

    /** True while the inspected session's buffer key holds another type (its read failed with WRONGTYPE). */
    public BooleanProperty wrongTypeProperty() {
        return wrongType;
    }

    /**
     * Drains what the backend would (the first {@code cap} entries, as they are now) to {@code file}, which
     * must not exist, then removes exactly those; a backup is written too, and Undo restores it.
     */
    public void drainTo(Path file) {
        BufferRef ref = buffer.get();
        if (ref == null || !seen("Drain")) {
            return;
        }
        write("Drain", new Drain(ref, Optional.of(file), true), ref, outcome -> {
            int drained = outcome.result().popped().size();
            if (outcome.status() == ClearOutcome.Status.CLEARED) {
                Path backup = outcome.backup().orElseThrow();
                notices.accept(Notice.withAction("Drained " + Workspace.entries(drained) + " of " + ref.session()
                        + " (the first " + ws.schema().cap() + ", as the backend does) to " + file + "; "
                        + outcome.remaining() + " left.", "Undo", () -> undo(backup)));
            } else if (outcome.status() == ClearOutcome.Status.CHANGED) {
                notices.accept(Notice.error("Not drained: the buffer changed since it was read; nothing was removed."));
            } else {
                notices.accept(Notice.info("Nothing to drain."));
            }
        });
    }

    public void setTtl(TtlChange change) {
        BufferRef ref = buffer.get();
        if (ref == null || !seen("TTL change")) {
            return;
        }
        write("TTL change", SetTtl.of(ref, change), ref, (TtlOutcome outcome) -> {
            notices.accept(Notice.withAction("TTL of " + ref.session() + " is now " + ttlText(outcome.after())
                    + " (was " + ttlText(outcome.before()) + ").", "Undo", () -> write("Undo",
                    SetTtl.undo(outcome), ref, (TtlOutcome back) -> {
                        notices.accept(Notice.info("TTL of " + ref.session() + " is back to " + ttlText(back.after()) + "."));
                    })));
        });
    }

    private static String ttlText(Optional<Duration> ttl) {
        return ttl.map(d -> Format.duration(Optional.of(d))).orElse("none (never expires)");
    }

    /** Puts a backup or export back (a file chosen by the operator: from another server, it says so and asks). */
    public void restore(Path file) {
        restore("Restore", Restore.of(file, true));
    }

    /** Undo of this console's clear, remove or drain: restores the backup it just wrote. */
    public void undo(Path backup) {
        restore("Undo", Restore.undo(backup));
    }

    private void restore(String what, Restore write) {
        write(what, write, null, outcome -> {
            outcome.buffers().forEach(b -> changed.accept(b.ref()));
            notices.accept(Notice.info((what.equals("Undo") ? "Undone: restored " : "Restored ")
                    + Workspace.entries(outcome.entries()) + (outcome.skipped() > 0 ? "; " + outcome.skipped()
                    + " already there, skipped" : "") + "."));
        });
    }

    /**
     * Sends {@code write} through the door; whatever came of it (done, refused, declined, failed), this
     * inspector and {@code ref}'s row read the buffer again, so nothing shown outlives the write.
     */
    <R> void write(String what, Write<R> write, BufferRef ref, Consumer<R> done) {
        writes.run(what, write, done, () -> {
            if (ref != null) {
                changed.accept(ref);
            }
            reload();
        });
    }

    /** For the raw JSON copy action. */
    public Map<String, String> clipboardContent() {
        return Map.of("raw", fullRaw);
    }
}
