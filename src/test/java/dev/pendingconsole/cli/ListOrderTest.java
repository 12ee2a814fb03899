package dev.pendingconsole.cli;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.StuckReason;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** `list` prints stuck buffers first, each part in the order of the ids' bytes (unsigned). */
class ListOrderTest {

    private static BufferSummary buffer(byte[] id, boolean stuck) {
        return new BufferSummary(new BufferRef(SessionId.ofBytes(id), KeyLayout.PLAIN), 1, Optional.empty(), Optional.empty(),
                Optional.empty(), 0, stuck ? Set.of(StuckReason.NO_TTL) : Set.of());
    }

    @Test
    void stuckBuffersComeFirstThenEachPartByTheIdsBytes() {
        Random random = new Random(3);
        List<BufferSummary> buffers = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            byte[] id = new byte[1 + random.nextInt(4)];
            random.nextBytes(id);
            buffers.add(buffer(id, random.nextInt(3) == 0));
        }
        buffers.add(buffer(new byte[]{(byte) 0xff}, false));
        buffers.add(buffer(new byte[]{0x01}, false));
        Collections.shuffle(buffers, random);
        List<BufferSummary> expected = new ArrayList<>(buffers);
        expected.sort(Comparator.comparing((BufferSummary b) -> !b.isStuck()).thenComparing(BufferSummary::session));

        List<BufferSummary> given = buffers;
        buffers = Arrays.stream(ListCommand.stuckFirstOrder(given)).mapToObj(given::get).toList();

        assertThat(buffers).containsExactlyElementsOf(expected);
        int firstHealthy = buffers.indexOf(buffers.stream().filter(b -> !b.isStuck()).findFirst().orElseThrow());
        assertThat(buffers.subList(0, firstHealthy)).allMatch(BufferSummary::isStuck);
        assertThat(buffers.get(buffers.size() - 1).session().bytes()).isEqualTo(new byte[]{(byte) 0xff});
    }

    @Test
    void idsThatShareALongPrefixOrEndInZeroBytesKeepTheirBytesOrder() {
        Random random = new Random(5);
        List<BufferSummary> buffers = new ArrayList<>();
        byte[] prefix = "sess-0000-".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3_000; i++) {
            byte[] tail = new byte[random.nextInt(12)];
            for (int j = 0; j < tail.length; j++) {
                tail[j] = (byte) (random.nextInt(4) == 0 ? 0 : random.nextInt(3) == 0 ? 0xff : '0' + random.nextInt(3));
            }
            byte[] id = Arrays.copyOf(prefix, prefix.length + tail.length);
            System.arraycopy(tail, 0, id, prefix.length, tail.length);
            buffers.add(buffer(id, false));
        }
        List<BufferSummary> expected = new ArrayList<>(buffers);
        expected.sort(Comparator.comparing(BufferSummary::session));

        List<BufferSummary> sorted = Arrays.stream(ListCommand.stuckFirstOrder(buffers)).mapToObj(buffers::get).toList();

        assertThat(sorted).containsExactlyElementsOf(expected);
    }
}
