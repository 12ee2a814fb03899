package dev.pendingconsole.ui.sessions;

import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.StuckReason;
import dev.pendingconsole.ui.common.Background;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the chips and the status line count: buffers found, stuck ones by reason, how many are shown, and
 * what an empty table says. Kept as rows come and go, so that a recount costs nothing however many rows
 * there are (walking a million rows after every page was most of the FX thread's work on a large
 * keyspace); published at most once per pulse. FX thread only.
 */
final class TableCounts {

    private final Background background;
    private final ObservableList<BufferSummary> all;
    private final ObservableList<BufferSummary> shown;
    private final Supplier<String> emptyWhy;
    private final Map<StuckReason, IntegerProperty> byReason = new EnumMap<>(StuckReason.class);
    private final IntegerProperty total = new SimpleIntegerProperty();
    private final IntegerProperty stuck = new SimpleIntegerProperty();
    private final StringProperty shownText = new SimpleStringProperty("");
    private final StringProperty emptyText = new SimpleStringProperty("No buffers found yet.");
    private final int[] reasonTally = new int[StuckReason.values().length];
    private int stuckTally;
    private boolean queued;
    private boolean filtered;

    /**
     * @param emptyWhy what an empty table says when rows exist but none is shown, or when there are no
     *                 rows at all; called on each recount
     */
    TableCounts(ObservableList<BufferSummary> all, ObservableList<BufferSummary> shown, Supplier<String> emptyWhy,
                Background background) {
        this.background = background;
        this.all = all;
        this.shown = shown;
        this.emptyWhy = emptyWhy;
        for (StuckReason r : StuckReason.values()) {
            byReason.put(r, new SimpleIntegerProperty());
        }
        all.addListener((ListChangeListener<BufferSummary>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(b -> tally(b, -1));
                if (c.wasAdded()) {
                    c.getAddedSubList().forEach(b -> tally(b, 1));
                }
            }
            soon();
        });
        shown.addListener((ListChangeListener<BufferSummary>) c -> soon());
    }

    ReadOnlyIntegerProperty of(StuckReason r) {
        return byReason.get(r);
    }

    ReadOnlyIntegerProperty stuck() {
        return stuck;
    }

    /** Stuck buffers now, before the next recount publishes it. */
    int stuckNow() {
        return stuckTally;
    }

    ReadOnlyIntegerProperty total() {
        return total;
    }

    StringProperty shownText() {
        return shownText;
    }

    StringProperty emptyText() {
        return emptyText;
    }

    /** Recounts at the next pulse; {@code filteredNow} says whether a filter narrows the table. */
    void soon(boolean filteredNow) {
        filtered = filteredNow;
        soon();
    }

    void soon() {
        if (!queued) {
            queued = true;
            background.later(this::recount);
        }
    }

    private void tally(BufferSummary b, int sign) {
        if (b.isStuck()) {
            stuckTally += sign;
        }
        for (StuckReason r : b.stuck()) {
            reasonTally[r.ordinal()] += sign;
        }
    }

    private void recount() {
        queued = false;
        byReason.forEach((r, p) -> p.set(reasonTally[r.ordinal()]));
        stuck.set(stuckTally);
        total.set(all.size());
        shownText.set(filtered ? shown.size() + " of " + all.size() + " shown" : "");
        emptyText.set(shown.isEmpty() && (all.isEmpty() || filtered) ? emptyWhy.get() : "");
    }
}
