package dev.pendingconsole.ui.common;

import javafx.collections.ModifiableObservableListBase;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An observable list whose whole-list changes cost one array copy: JavaFX's own list ({@code
 * FXCollections.observableArrayList()}) adds one element at a time in {@code setAll} and {@code addAll},
 * each with its change bookkeeping, which kept the FX thread a quarter of a second for a million rows.
 * Here {@code setAll} is one replacement and {@code addAll} at the end one addition; listeners see the same
 * changes as before. FX thread only, like any list a control shows.
 *
 * @param <E> the element type
 */
public final class BulkList<E> extends ModifiableObservableListBase<E> {

    private ArrayList<E> items = new ArrayList<>();

    @Override
    public E get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    /** One array copy (a copy of a million rows for a worker went through the iterator, one get at a time). */
    @Override
    public Object[] toArray() {
        return items.toArray();
    }

    @Override
    protected void doAdd(int index, E element) {
        items.add(index, element);
    }

    @Override
    protected E doSet(int index, E element) {
        return items.set(index, element);
    }

    @Override
    protected E doRemove(int index) {
        return items.remove(index);
    }

    @Override
    public boolean setAll(Collection<? extends E> all) {
        ArrayList<E> next = new ArrayList<>(all);
        if (items.isEmpty() && next.isEmpty()) {
            return false;
        }
        beginChange();
        try {
            List<E> old = items;
            items = next;
            if (!old.isEmpty()) {
                nextRemove(0, old);
            }
            if (!next.isEmpty()) {
                nextAdd(0, next.size());
            }
        } finally {
            endChange();
        }
        return true;
    }

    @Override
    public boolean addAll(Collection<? extends E> more) {
        if (more.isEmpty()) {
            return false;
        }
        beginChange();
        try {
            int from = items.size();
            items.addAll(more);
            nextAdd(from, items.size());
        } finally {
            endChange();
        }
        return true;
    }
}
