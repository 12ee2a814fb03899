package dev.pendingconsole.ops.write;

import dev.pendingconsole.ops.BufferRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One write, worked out before anything changes: its exact targets (buffer identities, never rows or
 * display strings), what it adds, removes or evicts, whether it writes a backup and can be undone, and a
 * preview a person can read. Made only by a {@link Write}; run only by the {@link WriteDoor}, once.
 * Immutable apart from that once-only guard; thread-safe.
 *
 * @param <R> what the write reports when it has run
 */
public final class WritePlan<R> {

    /** The writes there are; every one of them passes through the {@link WriteDoor}. */
    public enum Kind {
        PUSH("push"), DRAIN("drain"), DRAIN_TO_FILE("drain to file"), CLEAR("clear"), REMOVE("remove entry"),
        RESTORE("restore"), TTL("set TTL"), RESET_LIMIT("reset rate limit"), UNDO_PUSH("undo push"),
        CLEAR_MANY("clear buffers"), ANNOUNCE("announce"), REMOVE_KEY("remove a key of another type");

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
    private final String token;
    private final String tokenName;
    private final String summary;
    private final List<String> details;
    private final List<String> warnings;
    private final int adds;
    private final int removes;
    private final long bytes;
    private final boolean destructive;
    private final boolean backsUp;
    private final boolean undo;
    private final Optional<String> foreignServer;
    private final Supplier<R> step;
    private final AtomicBoolean used = new AtomicBoolean();

    private WritePlan(Builder b, Supplier<R> step) {
        this.kind = b.kind;
        this.targets = List.copyOf(b.targets);
        this.token = b.token;
        this.tokenName = b.tokenName;
        this.summary = b.summary;
        this.details = List.copyOf(b.details);
        this.warnings = List.copyOf(b.warnings);
        this.adds = b.adds;
        this.removes = b.removes;
        this.bytes = b.bytes;
        this.destructive = b.destructive;
        this.backsUp = b.backsUp;
        this.undo = b.undo;
        this.foreignServer = b.foreignServer;
        this.step = step;
    }

    static Builder of(Kind kind, List<BufferRef> targets, String token, String tokenName) {
        return new Builder(kind, targets, token, tokenName);
    }

    /** A plan's parts, set by the write that makes it. */
    static final class Builder {
        private final Kind kind;
        private final List<BufferRef> targets;
        private final String token;
        private final String tokenName;
        private String summary = "";
        private final List<String> details = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private int adds;
        private int removes;
        private long bytes;
        private boolean destructive;
        private boolean backsUp;
        private boolean undo;
        private Optional<String> foreignServer = Optional.empty();

        private Builder(Kind kind, List<BufferRef> targets, String token, String tokenName) {
            this.kind = kind;
            this.targets = targets;
            this.token = token;
            this.tokenName = tokenName;
        }

        Builder summary(String text) {
            summary = text;
            return this;
        }

        Builder details(List<String> lines) {
            details.addAll(lines);
            return this;
        }

        Builder warn(String warning) {
            warnings.add(warning);
            return this;
        }

        Builder adds(int n) {
            adds = n;
            return this;
        }

        /** Entries it removes or evicts, and their bytes; a write that removes anything is destructive. */
        Builder removes(int n, long size) {
            removes = n;
            bytes = size;
            destructive |= n > 0;
            return this;
        }

        /** It changes what a model will read or when the buffer expires, without removing an entry. */
        Builder changes() {
            destructive = true;
            return this;
        }

        /** What it removes is saved to a backup first, and its Undo restores that backup. */
        Builder backsUp(boolean b) {
            backsUp = b;
            return this;
        }

        /** It takes back a write this tool just made. */
        Builder undo(boolean b) {
            undo = b;
            return this;
        }

        /** It writes what was read on another server: the person types that server's address to confirm. */
        Builder foreign(String address) {
            foreignServer = Optional.of(address);
            return this;
        }

        <R> WritePlan<R> run(Supplier<R> step) {
            return new WritePlan<>(this, step);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The buffers it writes to (empty for a rate-limit reset, which writes a counter). */
    public List<BufferRef> targets() {
        return targets;
    }

    /** What identifies the target for a typed confirmation: the session id, a count, the user. */
    public String confirmText() {
        return token;
    }

    /** What {@link #confirmText()} is, for "type the ... to confirm": "session id", "number of buffers", ... */
    public String confirmWhat() {
        return tokenName;
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

    /** Whether it removes, evicts or adds what a model reads, or changes a TTL. */
    public boolean isDestructive() {
        return destructive;
    }

    /** Whether what it removes is written to a backup first, which its Undo restores. */
    public boolean backsUp() {
        return backsUp;
    }

    /** Whether it takes back an earlier write of this tool (Undo). */
    public boolean isUndo() {
        return undo;
    }

    /** The server a restored file was taken on, when that is not this one. */
    public Optional<String> foreignServer() {
        return foreignServer;
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
