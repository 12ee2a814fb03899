package dev.pendingconsole.ui;

import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.Glob;
import dev.pendingconsole.ops.LiveFeed;
import dev.pendingconsole.ops.Operations;
import dev.pendingconsole.ops.OtherKey;
import dev.pendingconsole.ops.SessionScan;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * The sessions table's state: every buffer found, streamed in while the scan runs, filtered by text or
 * glob and by "stuck only", kept current by the push feed (each pushed buffer is looked up again) and
 * by periodic re-scans. All mutation happens on the FX thread; Redis work goes through {@link Background}.
 */
public final class SessionsViewModel {

    private final Operations ops;
    private final Background background;
    private final ObservableList<BufferSummary> rows = FXCollections.observableArrayList();
    private final Map<BufferRef, BufferSummary> byRef = new HashMap<>();
    private final FilteredList<BufferSummary> filtered = new FilteredList<>(rows);
    private final SortedList<BufferSummary> sorted = new SortedList<>(filtered);
    private final ObservableList<OtherKey> others = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty stuckOnly = new SimpleBooleanProperty();
    private final BooleanProperty scanning = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty feedMode = new SimpleStringProperty("");
    private final LongProperty pushes = new SimpleLongProperty();
    private final Set<BufferRef> toLookUp = new LinkedHashSet<>();
    private boolean lookingUp;
    private AtomicBoolean cancel = new AtomicBoolean();
    private LiveFeed feed;
    private java.util.function.Consumer<BufferRef> onPush = ref -> { };
    private javafx.animation.Timeline rescans;

    public SessionsViewModel(Operations ops, Background background) {
        this.ops = ops;
        this.background = background;
        filter.addListener((o, a, b) -> applyFilter());
        stuckOnly.addListener((o, a, b) -> applyFilter());
    }

    public SortedList<BufferSummary> rows() {
        return sorted;
    }

    public ObservableList<BufferSummary> allRows() {
        return rows;
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

    public BooleanProperty scanningProperty() {
        return scanning;
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

    /** Pushes seen by the live feed since connecting. */
    public LongProperty pushesProperty() {
        return pushes;
    }

    /** Scans everything again, updating rows in place and dropping those no longer found. */
    public void refresh() {
        if (scanning.get()) {
            return;
        }
        scanning.set(true);
        progress.set(-1);
        AtomicBoolean stop = new AtomicBoolean();
        cancel = stop;
        Set<BufferRef> seen = new HashSet<>();
        List<OtherKey> foundOthers = new ArrayList<>();
        background.run(() -> ops.scan().run(SessionScan.Options.ALL.withRules(ops.rules()),
                background.toFx(page -> {
                    page.buffers().forEach(b -> {
                        seen.add(b.ref());
                        upsert(b);
                    });
                    foundOthers.addAll(page.others());
                    SessionScan.Progress p = page.progress();
                    progress.set(p.estimate() == 0 ? 1 : Math.min(1, (double) p.scanned() / p.estimate()));
                    status.set("Scanning: " + p.scanned() + " of ~" + p.estimate() + " keys, " + p.buffers() + " buffers");
                }), stop::get),
                done -> {
                    scanning.set(false);
                    progress.set(0);
                    if (done.cancelled()) {
                        status.set("Scan cancelled after " + done.scanned() + " keys; " + rows.size() + " buffers shown.");
                        return;
                    }
                    List<BufferSummary> gone = rows.stream().filter(b -> !seen.contains(b.ref())).toList();
                    gone.forEach(b -> remove(b.ref()));
                    others.setAll(foundOthers);
                    long stuck = rows.stream().filter(BufferSummary::isStuck).count();
                    status.set(rows.size() + " buffers, " + stuck + " stuck, " + others.size() + " other keys; "
                            + done.scanned() + " keys scanned.");
                },
                failure -> {
                    scanning.set(false);
                    progress.set(0);
                    status.set("Scan failed: " + ConnectViewModel.describe(failure));
                });
    }

    public void cancelScan() {
        cancel.set(true);
    }

    /** Starts following pushes; each pushed buffer is looked up again. */
    public void follow(Duration rescanEvery) {
        background.run(() -> LiveFeed.start(ops.redis(), ops.schema(), background.toFx(e -> pushed(e.ref())), Duration.ofSeconds(2)),
                started -> {
                    feed = started;
                    rescans = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                            javafx.util.Duration.millis(rescanEvery.toMillis()), e -> refresh()));
                    rescans.setCycleCount(javafx.animation.Animation.INDEFINITE);
                    rescans.play();
                    feedMode.set(started.mode() == LiveFeed.Mode.SUBSCRIBED ? "live" : "live (polling)");
                },
                failure -> feedMode.set("no live feed: " + ConnectViewModel.describe(failure)));
    }

    /** Also tells {@code listener} (on the FX thread) of every push the feed sees. */
    public void setOnPush(java.util.function.Consumer<BufferRef> listener) {
        this.onPush = listener;
    }

    /** Looks a pushed buffer up again, coalescing bursts of pushes into one pipelined lookup. */
    public void pushed(BufferRef ref) {
        pushes.set(pushes.get() + 1);
        onPush.accept(ref);
        toLookUp.add(ref);
        lookUpPending();
    }

    /** Looks one buffer up again now (after an action on it). */
    public void reload(BufferRef ref) {
        toLookUp.add(ref);
        lookUpPending();
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
                    page.buffers().forEach(b -> {
                        found.add(b.ref());
                        upsert(b);
                    });
                    refs.stream().filter(r -> !found.contains(r)).forEach(this::remove);
                    lookUpPending();
                },
                failure -> {
                    lookingUp = false;
                    status.set("Could not refresh: " + ConnectViewModel.describe(failure));
                });
    }

    private void upsert(BufferSummary b) {
        BufferSummary old = byRef.put(b.ref(), b);
        if (old == null) {
            rows.add(b);
        } else {
            int i = rows.indexOf(old);
            if (i >= 0) {
                rows.set(i, b);
            } else {
                rows.add(b);
            }
        }
    }

    private void remove(BufferRef ref) {
        BufferSummary old = byRef.remove(ref);
        if (old != null) {
            rows.remove(old);
        }
    }

    private void applyFilter() {
        String text = filter.get() == null ? "" : filter.get().trim();
        boolean onlyStuck = stuckOnly.get();
        Predicate<BufferSummary> byText;
        if (text.isEmpty()) {
            byText = b -> true;
        } else if (text.matches(".*[*?\\[].*")) {
            byText = b -> Glob.matches(text, b.session().text());
        } else {
            String lower = text.toLowerCase(Locale.ROOT);
            byText = b -> b.session().text().toLowerCase(Locale.ROOT).contains(lower)
                    || b.turn().map(t -> t.userId() != null && t.userId().toLowerCase(Locale.ROOT).contains(lower)).orElse(false);
        }
        filtered.setPredicate(b -> (!onlyStuck || b.isStuck()) && byText.test(b));
    }

    public void close() {
        cancel.set(true);
        if (rescans != null) {
            rescans.stop();
        }
        if (feed != null) {
            feed.close();
        }
    }
}
