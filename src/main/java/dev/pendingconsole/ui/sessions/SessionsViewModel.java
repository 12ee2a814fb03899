package dev.pendingconsole.ui.sessions;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.Glob;
import dev.pendingconsole.ops.LiveFeed;
import dev.pendingconsole.ops.OtherKey;
import dev.pendingconsole.ops.SessionScan;
import dev.pendingconsole.ops.StuckReason;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ui.common.Background;
import dev.pendingconsole.ui.common.BulkList;
import dev.pendingconsole.ui.common.Notice;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The sessions table's state: every buffer found, streamed in while the scan runs, filtered by text or
 * glob and by "stuck only", kept current by the push feed (each pushed buffer is looked up again) and
 * by periodic re-scans. All mutation happens on the FX thread; Redis work goes through {@link Background}.
 */
public final class SessionsViewModel {

    private static final int FIRST_ROWS_FRAMES = 6;
    /**
     * For a second and a half after the first rows, the scan waits for each page to be shown and three
     * frames more, as it did for every page before {@link ScanInbox}: the table rebuilds its visible cells
     * whenever its row count changes, which in a JVM still compiling that code (and on two cores, with the
     * compilers taking both) made the load's longest frames (126 ms with the scan at full speed then).
     */
    private static final int COLD_FRAMES = 3;
    private static final long COLD_NANOS = 1_500_000_000L;
    /**
     * How many rows found may wait for the FX thread before the scan waits for it: a few frames' worth at
     * full speed. The scan hands its pages over once a frame ({@link ScanInbox}); it used to wait a frame
     * for each page, which held a scan of a million keys (a thousand pages) to 60 pages a second.
     */
    private static final int MAX_UNSHOWN = 20_000;

    private final Workspace ops;
    private final Background background;
    /**
     * The buffer the operator chose, by identity. Rows are replaced all the time (a push from outside, a
     * re-scan, this console's own writes); the table's selection follows this, never the other way round.
     */
    private final ObjectProperty<BufferRef> pinned = new SimpleObjectProperty<>();
    private final SessionTable table;
    private final TableCounts counts;
    private final MessageSearch search;
    private final ObservableList<OtherKey> others = new BulkList<>();
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty stuckOnly = new SimpleBooleanProperty();
    /** One stuck reason the table is narrowed to (a chip), or null for all. */
    private final ObjectProperty<StuckReason> reason = new SimpleObjectProperty<>();
    /** Whether the filter text is looked for inside the pending messages too (a scan that reads them). */
    private final BooleanProperty inMessages = new SimpleBooleanProperty();
    /** The rows the operator selected, by identity (more than one: a bulk action's targets). */
    private final ObservableList<BufferRef> checked = FXCollections.observableArrayList();
    private final BooleanProperty scanning = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty feedMode = new SimpleStringProperty("");
    private final StringProperty feedDetail = new SimpleStringProperty("");
    /** Keys the last whole scan walked; -1 before one ended. */
    private long lastScanned = -1;
    private final LongProperty pushes = new SimpleLongProperty();
    private final Set<BufferRef> toLookUp = new LinkedHashSet<>();
    private boolean lookingUp;
    private boolean closed;
    private AtomicBoolean cancel = new AtomicBoolean();
    private LiveFeed feed;
    private Consumer<BufferRef> onPush = ref -> { };
    private Background.Timer rescans;

    public SessionsViewModel(Workspace ops, Background background) {
        this.ops = ops;
        this.background = background;
        this.table = new SessionTable(background, status::set);
        this.counts = new TableCounts(table.all(), table.shown(), this::emptyText, background);
        this.search = new MessageSearch(ops, background, () -> closed, this::applyFilter);
        filter.addListener((o, a, b) -> {
            applyFilter();
            search.soon(filterText(), inMessages.get());
        });
        stuckOnly.addListener((o, a, b) -> applyFilter());
        reason.addListener((o, a, b) -> applyFilter());
        inMessages.addListener((o, a, b) -> {
            applyFilter();
            search.soon(filterText(), inMessages.get());
        });
        scanning.addListener((o, a, b) -> counts.soon());
    }

    /**
     * Orders the rows by {@code comparator} (null: as found). It should read the summaries' fields
     * directly: sorting 100,000 rows calls it about two million times.
     */
    public void setOrder(Comparator<BufferSummary> comparator) {
        table.order(comparator);
    }

    /** The buffer the operator selected, by identity (null: none). Inspector and Inject follow it. */
    public ObjectProperty<BufferRef> pinnedProperty() {
        return pinned;
    }

    /** The row that shows the pinned buffer now, if it is shown. */
    public Optional<BufferSummary> pinnedRow() {
        BufferRef ref = pinned.get();
        if (ref == null) {
            return Optional.empty();
        }
        return table.rowOf(ref).filter(table::shows);
    }

    /** The rows the table shows: filtered and ordered. */
    public ObservableList<BufferSummary> rows() {
        return table.shown();
    }

    public ObservableList<BufferSummary> allRows() {
        return table.all();
    }

    public ObservableList<OtherKey> others() {
        return others;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty stuckOnlyProperty() {
        return stuckOnly;
    }

    public ObjectProperty<StuckReason> reasonProperty() {
        return reason;
    }

    public BooleanProperty inMessagesProperty() {
        return inMessages;
    }

    /** "Searching messages..." while a search inside messages runs, then what it found. */
    public StringProperty searchStateProperty() {
        return search.state();
    }

    /** How many buffers are stuck for {@code r}, of all found. */
    public ReadOnlyIntegerProperty countProperty(StuckReason r) {
        return counts.of(r);
    }

    /** How many buffers are stuck, for any reason. */
    public ReadOnlyIntegerProperty stuckProperty() {
        return counts.stuck();
    }

    /** How many buffers were found in all. */
    public ReadOnlyIntegerProperty totalProperty() {
        return counts.total();
    }

    /** "N of M shown" while a filter is on, else empty. */
    public StringProperty shownTextProperty() {
        return counts.shownText();
    }

    /** What the table says when it shows no row: nothing found yet, or nothing matches the filter. */
    public StringProperty emptyTextProperty() {
        return counts.emptyText();
    }

    /** The rows selected by the operator, by identity; more than one makes them a bulk action's targets. */
    public ObservableList<BufferRef> checked() {
        return checked;
    }

    /** The row shown for {@code ref} now, if any. */
    public Optional<BufferSummary> rowOf(BufferRef ref) {
        return table.rowOf(ref);
    }

    /** For a search inside messages, the entries of {@code ref} that matched (empty: none, or no search). */
    public List<Integer> matchesOf(BufferRef ref) {
        return inMessages.get() ? search.matchesOf(ref) : List.of();
    }

    public boolean isFiltered() {
        return !(filter.get() == null || filter.get().isBlank()) || stuckOnly.get() || reason.get() != null;
    }

    /**
     * What a bulk action acts on: the selected rows when more than one is, else every row shown when a filter
     * is on, else nothing. As summaries, by identity: the plan re-reads each and skips those that changed.
     */
    public List<BufferSummary> bulkTargets() {
        if (checked.size() > 1) {
            return checked.stream().map(this::rowOf).flatMap(Optional::stream).toList();
        }
        return isFiltered() ? List.copyOf(table.shown()) : List.of();
    }

    private String filterText() {
        return filter.get() == null ? "" : filter.get().trim();
    }

    /** What an empty table says: nothing found (yet), or nothing matches the filter. */
    private String emptyText() {
        if (table.all().isEmpty()) {
            return scanning.get() ? "Scanning\u2026" : "No buffers found.";
        }
        String text = filterText();
        return (text.isEmpty() ? "No buffer matches this filter"
                : "No buffer matches '" + text + "'" + (inMessages.get() ? " in its messages" : "")) + ".";
    }

    public BooleanProperty scanningProperty() {
        return scanning;
    }

    /** True while the table's rows are being filtered and sorted anew, off the FX thread. */
    public ReadOnlyBooleanProperty orderingProperty() {
        return table.rebuilding();
    }

    /**
     * True while the first scan streams rows in: the table shows them in the order found and sorts once
     * at the end, since keeping 100,000 rows sorted one insertion at a time is quadratic.
     */
    public BooleanProperty streamingProperty() {
        return table.streaming();
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty feedModeProperty() {
        return feedMode;
    }

    /** How the feed hears pushes, and what it misses (a new current session's first push, on a big keyspace). */
    public StringProperty feedDetailProperty() {
        return feedDetail;
    }

    /** Pushes seen by the live feed since connecting. */
    public LongProperty pushesProperty() {
        return pushes;
    }

    /**
     * Scans everything again. The first scan streams rows into the table page by page; later ones build
     * the new list off to the side and swap it in once, so a re-scan of 100,000 rows is one change for
     * the table, not 100,000.
     */
    public void refresh() {
        if (scanning.get() || closed) {
            return;
        }
        scanning.set(true);
        progress.set(-1);
        AtomicBoolean stop = new AtomicBoolean();
        cancel = stop;
        boolean stream = table.all().isEmpty();
        table.streaming().set(stream);
        List<BufferSummary> found = new ArrayList<>();
        List<OtherKey> foundOthers = new ArrayList<>();
        AtomicBoolean firstRows = new AtomicBoolean(stream);
        long[] firstRowsAt = {0}; // when the first rows were shown; the scan's worker alone uses it
        ScanInbox inbox = new ScanInbox(background, MAX_UNSHOWN, pages -> {
            if (stop.get()) {
                return; // cancelled: the table already says so
            }
            List<BufferSummary> rows = new ArrayList<>();
            for (SessionScan.Page p : pages) {
                rows.addAll(p.buffers());
                foundOthers.addAll(p.others());
            }
            if (stream) {
                table.upsertAll(rows); // one change a frame, however many pages arrived since the last
            }
            SessionScan.Progress pr = pages.get(pages.size() - 1).progress();
            progress.set(pr.estimate() == 0 ? 1 : Math.min(1, (double) pr.scanned() / pr.estimate()));
            status.set("Scanning: " + pr.scanned() + " of ~" + pr.estimate() + " keys, " + pr.buffers() + " buffers");
        });
        background.run(() -> ops.scan().run(SessionScan.Options.ALL.withRules(ops.rules()), page -> {
                    if (!stream) {
                        found.addAll(page.buffers()); // worker thread; read on the FX thread only after the scan
                    }
                    inbox.offer(page);
                    // the first rows a table shows cost the most to lay out and paint, in a JVM still compiling
                    // its hot code: give them a few frames before decoding the next batch competes for the CPU,
                    // and for a while after that, each page a few frames of its own
                    if (!page.buffers().isEmpty() && firstRows.compareAndSet(true, false)) {
                        inbox.awaitShown(FIRST_ROWS_FRAMES);
                        firstRowsAt[0] = System.nanoTime();
                    } else if (firstRowsAt[0] != 0 && System.nanoTime() - firstRowsAt[0] < COLD_NANOS) {
                        inbox.awaitShown(COLD_FRAMES);
                    }
                }, stop::get),
                done -> {
                    if (stop.get() && !scanning.get()) {
                        return; // cancelled by the user, who has been told already
                    }
                    inbox.drain(); // the last pages, before the table is sorted and counted
                    table.streaming().set(false); // sorts once, off the FX thread
                    scanning.set(false);
                    progress.set(0);
                    if (done.cancelled()) {
                        status.set("Scan cancelled after " + done.scanned() + " keys; " + table.all().size() + " buffers shown.");
                        return;
                    }
                    if (!stream) {
                        table.replaceAll(found);
                    }
                    others.setAll(foundOthers);
                    lastScanned = done.scanned();
                    showTotals();
                },
                failure -> {
                    if (stop.get() && !scanning.get()) {
                        return; // cancelled: a late timeout is no news
                    }
                    inbox.drain(); // the rows found before the failure, now: a later hand-over would say "Scanning"
                    table.streaming().set(false);
                    scanning.set(false);
                    progress.set(0);
                    status.set("Scan failed: " + Notice.describe(failure));
                });
    }

    /**
     * Stops the scan now, as far as the user is concerned: the rows found so far stay, the table is usable
     * at once, and whatever the scan's worker still receives (it stops at the next page, or at its
     * timeout when the server does not answer) is dropped.
     */
    public void cancelScan() {
        if (!scanning.get() || cancel.get()) {
            return;
        }
        cancel.set(true);
        table.streaming().set(false);
        scanning.set(false);
        progress.set(0);
        status.set("Scan cancelled; " + table.all().size() + " buffers shown.");
    }

    /** Starts following pushes; each pushed buffer is looked up again. */
    public void follow(Duration rescanEvery) {
        if (closed) {
            return;
        }
        background.run(() -> ops.follow(background.toFx(e -> pushed(e.ref())), Duration.ofSeconds(2)),
                started -> {
                    feed = started;
                    rescans = background.every(rescanEvery, this::refresh);
                    rescans.restart();
                    feedMode.set(started.mode() == LiveFeed.Mode.SUBSCRIBED ? "live" : "live (polling)");
                    feedDetail.set(started.mode() == LiveFeed.Mode.POLLING ? "Notify channels unavailable: buffers are read again every 2 s."
                            : "Subscribed to the notify channels" + started.newSessions().map(n -> "; " + n).orElse(
                            "; no sharded pub/sub before Redis 7, so today's SPUBLISH pushes show at re-scans") + ".");
                },
                failure -> feedMode.set("no live feed: " + Notice.describe(failure)));
    }

    /** Also tells {@code listener} (on the FX thread) of every push the feed sees. */
    public void setOnPush(Consumer<BufferRef> listener) {
        this.onPush = listener;
    }

    /**
     * Looks a pushed buffer up again, coalescing bursts of pushes into one pipelined lookup. The notify
     * channel names the session, not the layout (it has no hash tag in either generation), so both are
     * looked up; one that is not in the table and not found changes nothing.
     */
    public void pushed(BufferRef ref) {
        pushes.set(pushes.get() + 1);
        BufferRef twin = new BufferRef(ref.session(), ref.layout() == KeyLayout.PLAIN
                ? KeyLayout.HASH_TAG : KeyLayout.PLAIN);
        onPush.accept(ref);
        onPush.accept(twin);
        toLookUp.add(ref);
        toLookUp.add(twin);
        lookUpPending();
    }

    /** Looks one buffer up again now (after an action on it). */
    public void reload(BufferRef ref) {
        toLookUp.add(ref);
        lookUpPending();
    }

    /** The status line's totals: the table as it is now, the other keys and keys of the last scan. */
    private void showTotals() {
        status.set(table.all().size() + " buffers, " + counts.stuckNow() + " stuck, " + others.size() + " other keys; "
                + lastScanned + " keys scanned.");
    }

    private void lookUpPending() {
        if (lookingUp || toLookUp.isEmpty()) {
            return;
        }
        lookingUp = true;
        List<BufferRef> refs = new ArrayList<>(toLookUp);
        toLookUp.clear();
        List<byte[]> keys = refs.stream().map(r -> r.key(ops.schema())).toList();
        background.run(() -> ops.scan().lookup(keys, SessionScan.Options.ALL.withRules(ops.rules())),
                page -> {
                    lookingUp = false;
                    Set<BufferRef> found = new HashSet<>();
                    page.buffers().forEach(b -> found.add(b.ref()));
                    table.upsertAll(page.buffers());
                    table.removeAll(refs.stream().filter(r -> !found.contains(r)).collect(Collectors.toSet()));
                    if (!scanning.get() && lastScanned >= 0) {
                        showTotals(); // the counts follow the feed between scans, not only at their end
                    }
                    lookUpPending();
                },
                failure -> {
                    lookingUp = false;
                    status.set("Could not refresh: " + Notice.describe(failure));
                });
    }

    private void applyFilter() {
        String text = filterText();
        boolean onlyStuck = stuckOnly.get();
        StuckReason only = reason.get();
        Map<BufferRef, List<Integer>> found = search.hits();
        Predicate<BufferSummary> byText;
        if (text.isEmpty()) {
            byText = b -> true;
        } else if (inMessages.get()) {
            byText = found == null ? b -> false : b -> found.containsKey(b.ref()); // until the search answers: none
        } else if (text.matches(".*[*?\\[].*")) {
            byText = b -> Glob.matches(text, b.session().text());
        } else {
            String lower = text.toLowerCase(Locale.ROOT);
            byText = b -> b.session().text().toLowerCase(Locale.ROOT).contains(lower)
                    || b.turn().map(t -> t.userId() != null && t.userId().toLowerCase(Locale.ROOT).contains(lower)).orElse(false);
        }
        table.filter(b -> (!onlyStuck || b.isStuck()) && (only == null || b.stuck().contains(only)) && byText.test(b));
        counts.soon(isFiltered());
    }

    public void close() {
        closed = true;
        cancel.set(true);
        if (rescans != null) {
            rescans.stop();
        }
        if (feed != null) {
            feed.close();
        }
    }
}
