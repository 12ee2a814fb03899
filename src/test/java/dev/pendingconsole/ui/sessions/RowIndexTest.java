package dev.pendingconsole.ui.sessions;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.BufferRef;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The table's buffer-to-row index answers as a HashMap would, through growth, overwrites and clears. */
class RowIndexTest {

    @Test
    void answersAsAMapWould() {
        Random random = new Random(11);
        RowIndex index = new RowIndex();
        Map<BufferRef, Integer> expected = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            BufferRef ref = new BufferRef(SessionId.of("s-" + random.nextInt(50_000)),
                    random.nextBoolean() ? KeyLayout.PLAIN : KeyLayout.HASH_TAG);
            if (step == 120_000) {
                index.clear();
                expected.clear();
            }
            if (random.nextInt(3) == 0) {
                assertThat(index.get(ref)).isEqualTo(expected.getOrDefault(ref, -1));
                assertThat(index.contains(ref)).isEqualTo(expected.containsKey(ref));
            } else {
                int row = random.nextInt(1_000_000);
                index.put(ref, row);
                expected.put(ref, row);
            }
        }
        assertThat(index.size()).isEqualTo(expected.size());
        expected.forEach((ref, row) -> assertThat(index.get(ref)).isEqualTo(row));
    }

    @Test
    void keepsEveryRowWhileItGrowsALittleAtATime() {
        RowIndex index = new RowIndex();
        List<BufferRef> refs = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            refs.add(new BufferRef(SessionId.of("g-" + i), KeyLayout.HASH_TAG));
        }
        for (int i = 0; i < 513; i++) { // the 513th fills half of the first 1,024 slots: the table grows
            index.put(refs.get(i), i);
        }
        // each put now moves a few old slots over: update from the end, so some are still in the old table
        int[] expected = new int[600];
        Arrays.fill(expected, -1);
        for (int i = 0; i < 513; i++) {
            expected[i] = i;
        }
        for (int n = 0; n < 600; n++) {
            int i = 599 - n;
            expected[i] = 10_000 + i;
            index.put(refs.get(i), expected[i]);
            for (int j = 0; j < 600; j++) {
                assertThat(index.get(refs.get(j))).as("row of g-" + j + " after " + (n + 1) + " puts").isEqualTo(expected[j]);
            }
        }
        assertThat(index.size()).isEqualTo(600);
        index.clear();
        assertThat(index.size()).isZero();
        assertThat(index.contains(refs.get(0))).isFalse();
        assertThat(index.contains(refs.get(599))).isFalse();
        index.put(refs.get(599), 7);
        assertThat(index.get(refs.get(599))).isEqualTo(7);
    }
}
