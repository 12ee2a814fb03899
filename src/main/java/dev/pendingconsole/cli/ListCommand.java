package dev.pendingconsole.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.OtherKey;
import dev.pendingconsole.ops.SessionScan;
import dev.pendingconsole.ops.StuckReason;
import dev.pendingconsole.ops.StuckRules;
import dev.pendingconsole.ops.TurnStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

@Command(name = "list", description = {"Find every buffer, and why it is stuck, with SCAN (never KEYS).",
        "Shows length, TTL, last push age, turn status and stuck reasons. Other keys under the prefix are listed apart with their type."})
final class ListCommand extends GlobalOptions.Base {

    @Option(names = "--match", paramLabel = "GLOB", description = "Only sessions matching this Redis glob.")
    String match;

    @Option(names = "--stuck", description = "Only stuck buffers.")
    boolean stuckOnly;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N buffers (the scan still covers everything).")
    Integer limit;

    @picocli.CommandLine.Mixin
    IdleOption idle;

    @Option(names = "--others", description = "Also print the other keys under the prefix.")
    boolean showOthers;

    @Option(names = "--stuck-reason", paramLabel = "REASON",
            description = "Only buffers stuck for this reason: idle, no-ttl, over-cap or unreadable (repeatable: any of them).")
    List<String> stuckReasons = new ArrayList<>();

    @Option(names = "--grep", paramLabel = "TEXT", description = {"Only buffers with a message containing TEXT (any case)",
            "in its content, page URL, page text or file ids; the matching entries are named. Searches the",
            "entries a scan reads: the first cap's worth of each buffer."})
    String grep;

    @Option(names = "--grep-regex", paramLabel = "REGEX", description = "As --grep, with a regular expression (Java syntax, any case).")
    String grepRegex;

    @Option(names = "--max-rate", paramLabel = "N", defaultValue = "0", description = {"Send Redis at most about N commands a",
            "second (0: as fast as it answers); for a busy production server."})
    long maxRate;

    /** The filters shared by list and the bulk writes: session glob, stuck reasons, search inside messages. */
    static SessionScan.Options filters(String match, List<String> reasons, String grep, String grepRegex, long idleMinutes) {
        if (grep != null && grepRegex != null) {
            throw new Cli.UsageException("--grep and --grep-regex exclude each other: give one");
        }
        SessionScan.Options options = SessionScan.Options.ALL.withGlob(match)
                .withRules(new StuckRules(Duration.ofMinutes(idleMinutes)));
        try {
            reasons.forEach(StuckReason::ofCode); // refuses an unknown one before connecting
            if (grep != null) {
                options = options.withGrep(dev.pendingconsole.ops.MessageMatch.substring(grep));
            } else if (grepRegex != null) {
                options = options.withGrep(dev.pendingconsole.ops.MessageMatch.regex(grepRegex));
            }
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException(e.getMessage());
        }
        return options;
    }

    static SessionScan.Options withRate(SessionScan.Options options, long maxRate) {
        if (maxRate < 0) {
            throw new Cli.UsageException("--max-rate must not be negative");
        }
        return options.withMaxRate(maxRate);
    }

    static boolean hasReason(BufferSummary b, List<String> reasons) {
        return reasons.isEmpty() || reasons.stream().map(StuckReason::ofCode).anyMatch(b.stuck()::contains);
    }

    @Override
    public Integer call() {
        if (limit != null && limit < 1) {
            throw new Cli.UsageException("--limit must be at least 1");
        }
        Output output = output();
        List<BufferSummary> buffers = new ArrayList<>();
        List<OtherKey> others = new ArrayList<>();
        SessionScan.Progress done;
        boolean showProgress = !output.json && root.terminal.interactive();
        SessionScan.Options options = withRate(filters(match, stuckReasons, grep, grepRegex, idle.minutes()), maxRate);
        try (GlobalOptions.Connection redis = connect()) {
            done = redis.ws.scan().run(options, page -> {
                page.buffers().stream().filter(b -> (!stuckOnly || b.isStuck()) && hasReason(b, stuckReasons))
                        .forEach(buffers::add);
                others.addAll(page.others());
                if (showProgress) {
                    output.err.print("\rscanned " + page.progress().scanned() + " of ~" + page.progress().estimate() + " keys");
                    output.err.flush();
                }
            }, () -> false);
        }
        if (showProgress) {
            output.err.println();
        }
        sortStuckFirst(buffers);
        List<BufferSummary> shown = limit == null ? buffers : buffers.subList(0, Math.min(limit, buffers.size()));
        if (output.json) {
            // written as it goes, not built as a tree first: 100,000 buffers were 100,000 object nodes
            try (com.fasterxml.jackson.core.JsonGenerator g = output.generator()) {
                g.writeStartObject();
                g.writeArrayFieldStart("buffers");
                for (BufferSummary b : shown) {
                    write(g, b);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("other_keys");
                for (OtherKey o : others) {
                    g.writeStartObject();
                    g.writeStringField("key", o.keyText());
                    g.writeStringField("type", o.type());
                    writeSeconds(g, TTL_SECONDS, o.ttl());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeNumberField("scanned_keys", done.scanned());
                g.writeNumberField("buffers_found", buffers.size());
                g.writeEndObject();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("writing the list", e);
            }
            output.out.println();
            output.out.flush();
            return Cli.OK;
        }
        print(output, shown, buffers.size(), others, done, options.grep() != null);
        return Cli.OK;
    }

    /**
     * Stuck buffers first, each part in session order. Split in one pass, then each part sorted on the ids
     * alone: a comparator chain that asked every comparison whether both buffers were stuck took 0.2-0.5 s of
     * a 100,000-buffer list in a fresh JVM.
     */
    static void sortStuckFirst(List<BufferSummary> buffers) {
        List<BufferSummary> healthy = new ArrayList<>();
        int stuck = 0;
        for (BufferSummary b : buffers) {
            if (b.isStuck()) {
                buffers.set(stuck++, b);
            } else {
                healthy.add(b);
            }
        }
        for (int i = 0; i < healthy.size(); i++) {
            buffers.set(stuck + i, healthy.get(i));
        }
        sortBySession(buffers.subList(0, stuck));
        sortBySession(buffers.subList(stuck, buffers.size()));
    }

    /** A buffer and its sort key: the eight bytes of its id after the prefix that all the ids share. */
    private record Keyed(long key, BufferSummary buffer) {
    }

    private static final Comparator<Keyed> BY_KEY_THEN_ID = (a, b) -> {
        int order = Long.compareUnsigned(a.key(), b.key());
        return order != 0 ? order : a.buffer().session().compareTo(b.buffer().session());
    };

    /**
     * Sorts on the ids' bytes. Compared as they are, each comparison followed four references on each side
     * (summary, ref, id, text) into a heap of 100,000 rows: 0.35 s of a list in a fresh JVM. So each buffer
     * gets a key, the eight bytes of its id that follow the prefix all the ids share (zero where it ends),
     * held beside it in a small object made in order; keys that differ decide as the bytes would, and ids
     * whose keys tie are compared in full.
     */
    static void sortBySession(List<BufferSummary> part) {
        int n = part.size();
        if (n < 2) {
            return;
        }
        byte[][] ids = new byte[n][];
        int common = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            ids[i] = part.get(i).session().bytes();
            int mismatch = java.util.Arrays.mismatch(ids[0], ids[i]);
            common = Math.min(common, mismatch < 0 ? ids[i].length : mismatch);
        }
        Keyed[] keyed = new Keyed[n];
        for (int i = 0; i < n; i++) {
            long key = 0;
            for (int j = 0; j < Long.BYTES; j++) {
                int at = common + j;
                key = key << 8 | (at < ids[i].length ? ids[i][at] & 0xff : 0);
            }
            keyed[i] = new Keyed(key, part.get(i));
        }
        java.util.Arrays.sort(keyed, BY_KEY_THEN_ID);
        for (int i = 0; i < n; i++) {
            part.set(i, keyed[i].buffer());
        }
    }

    private void print(Output output, List<BufferSummary> shown, int total, List<OtherKey> others, SessionScan.Progress done,
                       boolean searched) {
        if (shown.isEmpty()) {
            output.out.println(searched ? "No buffer holds a message matching '" + Output.oneLine(grep != null ? grep : grepRegex)
                    + "'." : stuckOnly || !stuckReasons.isEmpty() ? "No stuck buffers." : "No buffers.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (BufferSummary b : shown) {
                rows.add(List.of(
                        Output.oneLine(b.session().text()),
                        b.ref().generation().label(),
                        b.length() + "/" + root.options.cap(),
                        Output.duration(b.lastPushAge()),
                        Output.duration(b.ttl()),
                        b.turn().map(t -> t.status() == null ? "?" : t.status()).orElse("-"),
                        b.turn().map(TurnStatus::userId).filter(u -> u != null).orElse("-"),
                        b.stuck().stream().sorted().map(StuckReason::code).collect(Collectors.joining(","))));
                if (searched) {
                    List<String> row = new ArrayList<>(rows.remove(rows.size() - 1));
                    row.add(b.matches().stream().map(i -> "#" + i).collect(Collectors.joining(",")));
                    rows.add(row);
                }
            }
            List<String> header = new ArrayList<>(List.of("SESSION", "BACKEND", "LEN", "LAST PUSH", "TTL", "TURN", "USER", "STUCK"));
            if (searched) {
                header.add("MATCHES");
            }
            output.table(header, rows);
            if (shown.size() < total) {
                output.out.println("(" + (total - shown.size()) + " more not shown; raise --limit)");
            }
            if (shown.stream().anyMatch(BufferSummary::isStuck)) {
                output.out.println();
                shown.stream().flatMap(b -> b.stuck().stream()).distinct().sorted()
                        .forEach(r -> output.out.println("  " + r.code() + ": " + r.explanation()));
            }
        }
        output.out.println();
        output.out.println(total + " buffer" + (total == 1 ? "" : "s") + (stuckOnly ? " stuck" : "") + ", "
                + others.size() + " other key" + (others.size() == 1 ? "" : "s") + " under the prefix; "
                + done.scanned() + " keys scanned.");
        if (showOthers && !others.isEmpty()) {
            output.out.println();
            List<List<String>> rows = new ArrayList<>();
            others.forEach(o -> rows.add(List.of(Output.oneLine(o.keyText()), o.type(), Output.duration(o.ttl()))));
            output.table(List.of("OTHER KEY", "TYPE", "TTL"), rows);
        }
    }

    /*
     * A list writes the same few names and values 100,000 times over: each is encoded (quoted, escaped,
     * UTF-8) once here, and copied as bytes after that.
     */
    private static final com.fasterxml.jackson.core.SerializableString SESSION = encoded("session"), LAYOUT = encoded("layout"),
            GENERATION = encoded("generation"), LENGTH = encoded("length"), TURN_STATUS = encoded("turn_status"),
            USER_ID = encoded("user_id"), UNREADABLE = encoded("unreadable_entries"), STUCK = encoded("stuck"),
            STUCK_REASONS = encoded("stuck_reasons"), MATCHING = encoded("matching_entries"), HASH_TAG = encoded("hash_tag"),
            PLAIN = encoded("plain"), TTL_SECONDS = encoded("ttl_seconds"), LAST_PUSH_AGE = encoded("last_push_age_seconds");
    private static final com.fasterxml.jackson.core.SerializableString[] REASON_CODES = encodedAll(StuckReason::code);
    private static final com.fasterxml.jackson.core.SerializableString[] REASON_TEXTS = encodedAll(StuckReason::explanation);
    private static final java.util.Map<dev.pendingconsole.core.BackendGeneration, com.fasterxml.jackson.core.SerializableString>
            GENERATIONS = java.util.Arrays.stream(dev.pendingconsole.core.BackendGeneration.values()).collect(Collectors.toMap(
                    gen -> gen, gen -> encoded(gen.label()), (x, y) -> x,
                    () -> new java.util.EnumMap<>(dev.pendingconsole.core.BackendGeneration.class)));

    private static com.fasterxml.jackson.core.SerializableString encoded(String s) {
        return new com.fasterxml.jackson.core.io.SerializedString(s);
    }

    private static com.fasterxml.jackson.core.SerializableString[] encodedAll(java.util.function.Function<StuckReason, String> text) {
        return java.util.Arrays.stream(StuckReason.values()).map(r -> encoded(text.apply(r)))
                .toArray(com.fasterxml.jackson.core.SerializableString[]::new);
    }

    private static void write(com.fasterxml.jackson.core.JsonGenerator g, BufferSummary b) throws java.io.IOException {
        g.writeStartObject();
        g.writeFieldName(SESSION);
        g.writeString(b.session().text());
        g.writeFieldName(LAYOUT);
        g.writeString(b.ref().layout() == KeyLayout.HASH_TAG ? HASH_TAG : PLAIN);
        g.writeFieldName(GENERATION);
        g.writeString(GENERATIONS.get(b.ref().generation()));
        g.writeFieldName(LENGTH);
        g.writeNumber(b.length());
        writeSeconds(g, TTL_SECONDS, b.ttl());
        writeSeconds(g, LAST_PUSH_AGE, b.lastPushAge());
        TurnStatus turn = b.turn().orElse(null);
        g.writeFieldName(TURN_STATUS);
        g.writeString(turn == null ? null : turn.status());
        g.writeFieldName(USER_ID);
        g.writeString(turn == null ? null : turn.userId());
        g.writeFieldName(UNREADABLE);
        g.writeNumber(b.unreadable());
        java.util.Set<StuckReason> reasons = b.stuck(); // in the reasons' order
        g.writeFieldName(STUCK);
        g.writeStartArray();
        for (StuckReason r : reasons) {
            g.writeString(REASON_CODES[r.ordinal()]);
        }
        g.writeEndArray();
        g.writeFieldName(STUCK_REASONS);
        g.writeStartArray();
        for (StuckReason r : reasons) {
            g.writeString(REASON_TEXTS[r.ordinal()]);
        }
        g.writeEndArray();
        if (!b.matches().isEmpty()) {
            g.writeFieldName(MATCHING);
            g.writeStartArray();
            for (int i : b.matches()) {
                g.writeNumber(i);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeSeconds(com.fasterxml.jackson.core.JsonGenerator g, com.fasterxml.jackson.core.SerializableString field,
                                     java.util.Optional<Duration> d) throws java.io.IOException {
        g.writeFieldName(field);
        if (d.isEmpty()) {
            g.writeNull();
            return;
        }
        long millis = d.get().toMillis();
        char[] text = new char[24];
        int length = seconds(millis, text);
        if (length > 0) {
            g.writeNumber(text, 0, length);
        } else {
            g.writeNumber(millis / 1000.0);
        }
    }

    /**
     * Seconds with their milliseconds, as {@code Double.toString(millis / 1000.0)} writes them ("1567.028",
     * "1567.5", "0.0"), into {@code out}, returning the length; 0 outside 0 to 10^7 seconds, where that writes
     * an exponent. Two numbers per buffer went through a double's shortest-digits search: a tenth of the
     * time a 100,000-buffer list spent writing.
     */
    static int seconds(long millis, char[] out) {
        if (millis < 0 || millis >= 10_000_000_000L) {
            return 0;
        }
        String whole = Long.toString(millis / 1000);
        whole.getChars(0, whole.length(), out, 0);
        int at = whole.length();
        out[at++] = '.';
        int fraction = (int) (millis % 1000);
        out[at++] = (char) ('0' + fraction / 100);
        if (fraction % 100 != 0) {
            out[at++] = (char) ('0' + fraction / 10 % 10);
            if (fraction % 10 != 0) {
                out[at++] = (char) ('0' + fraction % 10);
            }
        }
        return at;
    }

}
