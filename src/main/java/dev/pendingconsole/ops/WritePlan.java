package dev.pendingconsole.ops;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One write, worked out before anything changes: its exact targets (buffer identities, never rows or
 * display strings), what it adds, removes or evicts, and a preview a person can read. Only
 * {@link Workspace#execute} carries it out, once, after asking a {@link Confirmer} when
 * {@link #needsConfirmation} says so. Immutable apart from that once-only guard; thread-safe.
 *
 * @param <R> what the write reports when it has run
 */
public final class WritePlan<R> {

    /** The writes there are; every one of them passes through {@link Workspace}. */
    public enum Kind {
        PUSH("push"), DRAIN("drain"), DRAIN_TO_FILE("drain to file"), CLEAR("clear"), REMOVE("remove entry"),
        RESTORE("restore"), TTL("set TTL"), RESET_LIMIT("reset rate limit"), UNDO_PUSH("undo push"),
        CLEAR_MANY("clear buffers");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Kind kind;
    private final List<BufferRef> targets;
    private final String confirmText;
    private final String summary;
    private final List<String> details;
    private final List<String> warnings;
    private final int adds;
    private final int removes;
    private final long bytes;
    private final boolean destructive;
    private final boolean mustAsk;
    private final boolean undo;
    private final Supplier<R> step;
    private final AtomicBoolean used = new AtomicBoolean();

    WritePlan(Kind kind, List<BufferRef> targets, String confirmText, String summary, List<String> details,
              List<String> warnings, int adds, int removes, long bytes, boolean destructive, boolean mustAsk,
              boolean undo, Supplier<R> step) {
        this.kind = kind;
        this.targets = List.copyOf(targets);
        this.confirmText = confirmText;
        this.summary = summary;
        this.details = List.copyOf(details);
        this.warnings = List.copyOf(warnings);
        this.adds = adds;
        this.removes = removes;
        this.bytes = bytes;
        this.destructive = destructive;
        this.mustAsk = mustAsk;
        this.undo = undo;
        this.step = step;
    }

    public Kind kind() {
        return kind;
    }

    /** The buffers it writes to (empty for a rate-limit reset, which writes a counter). */
    public List<BufferRef> targets() {
        return targets;
    }

    /** What an operator types on a production connection to confirm: the session id, or the user. */
    /** What {@link #confirmText()} is, for "type the ... to confirm": the session id, the number of buffers, ... */
    public String confirmWhat() {
        if (kind == Kind.CLEAR_MANY) {
            return "number of buffers";
        }
        return targets.size() == 1 ? "session id" : targets.isEmpty() ? "user" : "number of entries";
    }

    public String confirmText() {
        return confirmText;
    }

    /** One line: what happens to what, e.g. "Clear 3 entries (412 bytes) of copilot:pending:s1". */
    public String summary() {
        return summary;
    }

    /** The entries concerned, one line each, as a preview. */
    public List<String> details() {
        return details;
    }

    /** What the operator must know before saying yes (an eviction, a backup from another server). */
    public List<String> warnings() {
        return warnings;
    }

    public int adds() {
        return adds;
    }

    /** Entries removed, evicted included. */
    public int removes() {
        return removes;
    }

    /** Bytes of the entries removed. */
    public long bytes() {
        return bytes;
    }

    /** Whether it removes, evicts or overwrites anything, or changes a TTL. */
    public boolean isDestructive() {
        return destructive;
    }

    /** Whether it takes back an earlier write of this console (Undo). */
    public boolean isUndo() {
        return undo;
    }

    /**
     * The one confirmation rule: on production every write asks (typing {@link #confirmText}); elsewhere a
     * destructive write asks, and so does a restore (it adds what a model will read) and anything with a
     * warning that needs a yes. An Undo the operator just clicked, and a plain push that evicts nothing,
     * do not ask.
     */
    public boolean needsConfirmation(boolean production) {
        if (production) {
            return true;
        }
        return !undo && (destructive || mustAsk);
    }

    /** Summary, details and warnings as text, for a terminal or a dialog. */
    public String preview() {
        StringBuilder out = new StringBuilder(summary);
        details.forEach(d -> out.append("\n  ").append(d));
        warnings.forEach(w -> out.append("\nWarning: ").append(w));
        return out.toString();
    }

    R run() {
        if (!used.compareAndSet(false, true)) {
            throw new IllegalStateException("a plan runs once; make a new one (the buffer may have changed)");
        }
        return step.get();
    }
}
