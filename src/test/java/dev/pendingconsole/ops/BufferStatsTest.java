package dev.pendingconsole.ops;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.SessionId;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BufferStatsTest {

    private static BufferSummary buffer(long length, Duration age, boolean stuck) {
        return new BufferSummary(new BufferRef(SessionId.of("s" + length + age), KeyLayout.PLAIN), length,
                Optional.ofNullable(age).map(a -> Duration.ofHours(1).minus(a)), Optional.ofNullable(age), Optional.empty(), 0,
                stuck ? Set.of(StuckReason.IDLE) : Set.of());
    }

    @Test
    void countsTotalsAndSpreadsLengthsAndAges() {
        BufferStats stats = BufferStats.of(List.of(
                buffer(1, Duration.ofSeconds(10), false),
                buffer(3, Duration.ofMinutes(3), false),
                buffer(10, Duration.ofMinutes(20), true),
                buffer(14, null, true)), 10);
        assertThat(stats.buffers()).isEqualTo(4);
        assertThat(stats.messages()).isEqualTo(28);
        assertThat(stats.stuck()).isEqualTo(2);
        assertThat(stats.atCap()).isEqualTo(2);
        assertThat(stats.lengths()).containsExactly(Map.entry("1", 1L), Map.entry("2-3", 1L),
                Map.entry("4-6", 0L), Map.entry("7-9", 0L), Map.entry("10 (cap)", 1L),
                Map.entry("over cap", 1L));
        assertThat(stats.ages()).containsEntry("< 1m", 1L).containsEntry("1-5m", 1L).containsEntry("15-30m", 1L)
                .containsEntry("no TTL", 1L);
    }
}
