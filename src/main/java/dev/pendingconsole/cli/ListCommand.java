package dev.pendingconsole.cli;

import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.MessageMatch;
import dev.pendingconsole.ops.OtherKey;
import dev.pendingconsole.ops.SessionScan;
import dev.pendingconsole.ops.StuckReason;
import dev.pendingconsole.ops.StuckRules;
import dev.pendingconsole.ops.TurnStatus;

import com.fasterxml.jackson.core.JsonGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

@Command(name = "list",
        footer = {"", "Examples:", "  pending list --stuck", "  pending list --match 'team-a-*' --others", "  pending list --grep \"Q3 numbers\"", "  pending --json list --stuck-reason idle"}, description = {"Find every buffer, and why it is stuck, with SCAN (never KEYS).",
        "Shows length, TTL, last push age, turn status and stuck reasons. Other keys under the prefix are listed apart with their type."})
final class ListCommand extends GlobalOptions.Base {

    @Option(names = "--match", paramLabel = "GLOB", description = "Only sessions matching this Redis glob.")
    String match;

    @Option(names = "--stuck", description = "Only stuck buffers.")
    boolean stuckOnly;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N buffers (the scan still covers everything).")
    Integer limit;

    @CommandLine.Mixin
    IdleOption idle;

    @Option(names = "--others", description = "Also print the other keys under the prefix.")
    boolean showOthers;

    @Option(names = "--stuck-reason", paramLabel = "REASON",
            description = "Only buffers stuck for this reason: idle, no-ttl, over-cap, unreadable or wrong-type"
            + " (repeatable: any of them).")
    List<String> stuckReasons = new ArrayList<>();

    @Option(names = "--grep", paramLabel = "TEXT", description = "Only buffers with a message containing TEXT (any case) in its content, page URL, page text or"
            + " file ids; the matching entries are named. Searches the entries a scan reads: the first cap's"
            + " worth of each buffer.")
    String grep;

    @Option(names = "--grep-regex", paramLabel = "REGEX", description = "As --grep, with a regular expression (Java syntax, any case).")
    String grepRegex;

    @Option(names = "--max-rate", paramLabel = "N", defaultValue = "0", description = "Send Redis at most about N commands a second (0: as fast as it answers); for a busy production"
            + " server.")
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
                options = options.withGrep(MessageMatch.substring(grep));
            } else if (grepRegex != null) {
                options = options.withGrep(MessageMatch.regex(grepRegex));
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
        // on one line, the JSON is encoded as pages arrive, while the scan waits for the server; the rows are
        // then kept only as their bytes, ids and stuck flags (ListJson), not as summaries and other keys
        ListJson json = output.json && !output.pretty() && output.bytes() != null && limit == null ? new ListJson(ListJson.HELD_AT_MOST) : null;
        SessionScan.Progress done;
        boolean showProgress = !output.json && root.terminal.interactive();
        SessionScan.Options options = withRate(filters(match, stuckReasons, grep, grepRegex, idle.minutes()), maxRate);
        try (GlobalOptions.Connection redis = connect()) {
            done = redis.ws.scan().run(options, page -> {
                for (BufferSummary b : page.buffers()) {
                    if ((!stuckOnly || b.isStuck()) && hasReason(b, stuckReasons)) {
                        if (json != null) {
                            json.add(b);
                        } else {
                            buffers.add(b);
                        }
                    }
                }
                if (json != null) {
                    page.others().forEach(json::addOther);
                } else {
                    others.addAll(page.others());
                }
                if (showProgress) {
                    output.err.print("\rscanned " + page.progress().scanned() + " of ~" + page.progress().estimate() + " keys");
                    output.err.flush();
                }
            }, () -> false);
        }
        if (showProgress) {
            output.err.println();
        }
        int[] order = json != null ? json.order() : stuckFirstOrder(buffers);
        int[] shown = limit == null ? order : Arrays.copyOf(order, Math.min(limit, order.length));
        if (output.json) {
            try {
                if (json != null) {
                    output.out.flush();
                    json.writeTo(output.bytes(), order, done.scanned());
                    output.bytes().flush();
                } else {
                    // written as it goes, not built as a tree first: 100,000 buffers were 100,000 object nodes
                    try (JsonGenerator g = output.generator()) {
                        ListJson.writeDocument(g, buffers, shown, others, done.scanned());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("writing the list", e);
            }
            output.out.println();
            output.out.flush();
            return Cli.OK;
        }
        print(output, Arrays.stream(shown).mapToObj(buffers::get).toList(), buffers.size(), others, done,
                options.grep() != null);
        return Cli.OK;
    }

    /**
     * The buffers' positions in the order a list prints them: stuck buffers first, each part in the order of
     * the ids' bytes. Split in one pass, then each part sorted on the ids alone: a comparator chain that asked
     * every comparison whether both buffers were stuck took 0.2-0.5 s of a 100,000-buffer list in a fresh JVM.
     */
    static int[] stuckFirstOrder(List<BufferSummary> buffers) {
        return stuckFirstOrder(buffers.size(), i -> buffers.get(i).isStuck(), i -> buffers.get(i).session().bytes());
    }

    /**
     * The same order for {@code n} buffers known by position alone: whether each is stuck, and its id's
     * bytes (a session id's order is its bytes', unsigned).
     */
    static int[] stuckFirstOrder(int n, IntPredicate isStuck, IntFunction<byte[]> id) {
        int[] stuck = new int[n];
        int[] healthy = new int[n];
        int s = 0;
        int h = 0;
        for (int i = 0; i < n; i++) {
            if (isStuck.test(i)) {
                stuck[s++] = i;
            } else {
                healthy[h++] = i;
            }
        }
        int[] order = new int[n];
        sortById(id, Arrays.copyOf(stuck, s), order, 0);
        sortById(id, Arrays.copyOf(healthy, h), order, s);
        return order;
    }

    /**
     * Puts {@code positions} into {@code order} from {@code at}, sorted on their ids' bytes. Compared as they
     * are, each comparison followed four references on each side (summary, ref, id, text) into a heap of
     * 100,000 rows: 0.35 s of a list in a fresh JVM; with a small object per id holding its first bytes, a
     * comparator still took 8% of a list's samples under C1. So each id becomes one long: the bytes that
     * follow the prefix all the ids share (zero where it ends), as many of their leading bits as leave room
     * for the id's index below them; the longs are sorted as numbers, and only ids whose leading bits tie
     * are compared in full.
     */
    private static void sortById(IntFunction<byte[]> id, int[] positions, int[] order, int at) {
        int n = positions.length;
        byte[][] ids = new byte[n][];
        int common = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            ids[i] = id.apply(positions[i]);
            int mismatch = Arrays.mismatch(ids[0], ids[i]);
            common = Math.min(common, mismatch < 0 ? ids[i].length : mismatch);
        }
        int indexBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(n));
        long indexMask = (1L << indexBits) - 1;
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            long key = 0;
            for (int j = 0; j < Long.BYTES; j++) {
                int from = common + j;
                key = key << 8 | (from < ids[i].length ? ids[i][from] & 0xff : 0);
            }
            // the sign bit flipped: sorted as signed numbers, they come in the order of the unsigned bytes
            packed[i] = (key & ~indexMask | i) ^ Long.MIN_VALUE;
        }
        Arrays.sort(packed);
        for (int i = 0; i < n; ) {
            long lead = packed[i] & ~indexMask;
            int end = i + 1;
            while (end < n && (packed[end] & ~indexMask) == lead) {
                end++;
            }
            if (end - i > 1) {
                Integer[] tied = new Integer[end - i];
                for (int k = i; k < end; k++) {
                    tied[k - i] = (int) (packed[k] & indexMask);
                }
                Arrays.sort(tied, (a, b) -> Arrays.compareUnsigned(ids[a], ids[b]));
                for (int k = i; k < end; k++) {
                    order[at + k] = positions[tied[k - i]];
                }
            } else {
                order[at + i] = positions[(int) (packed[i] & indexMask)];
            }
            i = end;
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
                        (b.lastPushExact() || b.lastPushAge().isEmpty() ? "" : "\u2248") + Output.duration(b.lastPushAge()),
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
}
