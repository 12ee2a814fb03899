package dev.pendingconsole.ui.sessions;

import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ui.common.Background;
import dev.pendingconsole.ui.common.BulkList;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every buffer found, and the rows the table shows: those that pass the filter, in the table's order.
 * The shown list is a plain list, not JavaFX's FilteredList and SortedList, which cost O(n) per inserted
 * row and sort on the FX thread: here a whole re-filter or re-sort runs on a worker and lands as one
 * {@code setAll}, and a single changed row moves by binary search. While the first scan streams, pages
 * are appended in the order found and sorted once at its end. FX thread only.
 */
final class SessionTable {

    private final Background background;
    private final Consumer<String> status;
    private final ObservableList<BufferSummary> rows = new BulkList<>();
    /** Where each buffer sits in {@link #rows}: found in O(1), rebuilt after removals. */
    private final RowIndex position = new RowIndex();
    private final ObservableList<BufferSummary> view = new BulkList<>();
    private Predicate<BufferSummary> shown = b -> true;
    /** The table's order; null while nobody chose one. */
    private Comparator<BufferSummary> order;
    /** Bumped by every rebuild of {@link #view}; a rebuild that lands after a newer one is dropped. */
    private int viewVersion;
    private final BooleanProperty rebuilding = new SimpleBooleanProperty();
    private boolean changedWhileRebuilding;
    private final BooleanProperty streaming = new SimpleBooleanProperty();

    SessionTable(Background background, Consumer<String> status) {
        this.background = background;
        this.status = status;
        streaming.addListener((o, was, now) -> {
            if (!now) {
                rebuild();
            }
        });
    }

    ObservableList<BufferSummary> all() {
        return rows;
    }

    ObservableList<BufferSummary> shown() {
        return view;
    }

    /** True while the first scan streams rows in, unsorted; sorted once when it turns false. */
    BooleanProperty streaming() {
        return streaming;
    }

    ReadOnlyBooleanProperty rebuilding() {
        return rebuilding;
    }

    void order(Comparator<BufferSummary> comparator) {
        order = comparator;
        if (!streaming.get()) {
            rebuild();
        }
    }

    void filter(Predicate<BufferSummary> filter) {
        shown = filter;
        rebuild();
    }

    boolean shows(BufferSummary row) {
        return shown.test(row);
    }

    Optional<BufferSummary> rowOf(BufferRef ref) {
        int at = position.get(ref);
        return at < 0 || at >= rows.size() ? Optional.empty() : Optional.of(rows.get(at));
    }

    /**
     * Adds new buffers in one change and replaces known ones in place. While the first scan streams, new
     * rows are appended to the table as found; afterwards each changed row moves to its sorted place.
     */
    void upsertAll(List<BufferSummary> page) {
        List<BufferSummary> added = new ArrayList<>();
        for (BufferSummary b : page) {
            int at = position.get(b.ref());
            if (at < 0) {
                position.put(b.ref(), rows.size() + added.size());
                added.add(b);
            } else if (at >= rows.size()) {
                added.set(at - rows.size(), b); // SCAN may return a key twice, even within one batch
            } else {
                BufferSummary old = rows.set(at, b);
                replaceInView(old, b);
            }
        }
        if (!added.isEmpty()) {
            rows.addAll(added);
            if (streaming.get()) {
                changedWhileRebuilding |= rebuilding.get();
                view.addAll(added.stream().filter(shown).toList());
            } else {
                added.forEach(b -> replaceInView(null, b));
            }
        }
    }

    void replaceAll(List<BufferSummary> all) {
        rows.setAll(all);
        reindex();
        rebuild();
    }

    /** Drops buffers that are gone, in one pass over the rows however many there are (a drain of many). */
    void removeAll(Set<BufferRef> gone) {
        gone.removeIf(ref -> !position.contains(ref));
        if (gone.isEmpty()) {
            return;
        }
        // removeAll is one change for the table (ObservableList's removeIf would be one per row)
        Set<BufferSummary> dropped = Collections.newSetFromMap(new IdentityHashMap<>());
        gone.forEach(ref -> dropped.add(rows.get(position.get(ref))));
        rows.removeAll(dropped);
        reindex();
        changedWhileRebuilding |= rebuilding.get();
        view.removeAll(dropped);
    }

    private void reindex() {
        position.clear();
        for (int i = 0; i < rows.size(); i++) {
            position.put(rows.get(i).ref(), i);
        }
    }

    /** Takes {@code old} out of the view and puts {@code now} in its sorted place, each when given and shown. */
    private void replaceInView(BufferSummary old, BufferSummary now) {
        if (rebuilding.get()) {
            changedWhileRebuilding = true; // the rebuild in flight started from older rows: run another
        }
        if (old != null) {
            int at = indexInView(old);
            if (at >= 0) {
                view.remove(at);
            }
        }
        if (now != null && shown.test(now)) {
            if (order == null || streaming.get()) {
                view.add(now);
            } else {
                int at = Collections.binarySearch(view, now, order);
                view.add(at < 0 ? -at - 1 : at, now);
            }
        }
    }

    private int indexInView(BufferSummary row) {
        if (order != null && !streaming.get() && !rebuilding.get()) {
            int at = Collections.binarySearch(view, row, order);
            if (at >= 0 && view.get(at) == row) {
                return at;
            }
        }
        return view.indexOf(row); // unsorted while streaming, or equal under the order
    }

    /** Filters and sorts all rows on a worker, then shows them with one change. */
    private void rebuild() {
        int version = ++viewVersion;
        rebuilding.set(true);
        changedWhileRebuilding = false;
        List<BufferSummary> snapshot = new ArrayList<>(rows);
        Predicate<BufferSummary> filterNow = shown;
        Comparator<BufferSummary> orderNow = streaming.get() ? null : order;
        background.run(() -> {
            List<BufferSummary> out = new ArrayList<>(snapshot.size());
            for (BufferSummary b : snapshot) {
                if (filterNow.test(b)) {
                    out.add(b);
                }
            }
            if (orderNow != null) {
                out.sort(orderNow);
            }
            return out;
        }, out -> {
            if (version != viewVersion) {
                return; // a newer rebuild is on its way
            }
            view.setAll(out);
            rebuilding.set(false);
            if (changedWhileRebuilding) {
                rebuild();
            }
        }, failure -> {
            rebuilding.set(false);
            status.accept("Could not sort the table: " + failure);
            LoggerFactory.getLogger(SessionTable.class).warn("sorting the sessions table failed", failure);
        });
    }
}
