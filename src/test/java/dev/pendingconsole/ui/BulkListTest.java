package dev.pendingconsole.ui;

import dev.pendingconsole.ui.common.BulkList;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BulkListTest {

    /** What listeners saw: one line per change, "+from..to" for additions, "-[removed]@at" for removals. */
    private static List<String> watch(BulkList<String> list) {
        List<String> seen = new ArrayList<>();
        list.addListener((ListChangeListener<String>) c -> {
            StringBuilder change = new StringBuilder();
            while (c.next()) {
                if (c.wasRemoved()) {
                    change.append("-").append(c.getRemoved()).append("@").append(c.getFrom()).append(' ');
                }
                if (c.wasAdded()) {
                    change.append("+").append(c.getFrom()).append("..").append(c.getTo()).append(' ');
                }
            }
            seen.add(change.toString().trim());
        });
        return seen;
    }

    @Test
    void setAllIsOneReplacementAndAddAllOneAddition() {
        BulkList<String> list = new BulkList<>();
        List<String> seen = watch(list);
        list.addAll(List.of("a", "b"));
        list.addAll(List.of("c"));
        list.setAll(List.of("x", "y", "z", "w"));
        list.setAll(List.of());
        list.setAll(List.of());
        list.add("q");
        list.set(0, "r");
        list.remove(0);
        assertThat(list).isEmpty();
        assertThat(seen).containsExactly("+0..2", "+2..3", "-[a, b, c]@0 +0..4", "-[x, y, z, w]@0", "+0..1",
                "-[q]@0 +0..1", "-[r]@0");
    }

    @Test
    void holdsItsOwnCopyOfWhatItWasGiven() {
        BulkList<String> list = new BulkList<>();
        List<String> source = new ArrayList<>(List.of("a", "b"));
        list.setAll(source);
        source.clear();
        assertThat(list).containsExactly("a", "b");
    }
}
