package dev.pendingconsole.ui.sessions;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.BufferRef;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
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
}
