package dev.pendingconsole.ops;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard's figures over a set of buffers: totals, and how lengths and last-push ages are spread.
 * Bucket names are ordered as they should be shown.
 */
public record BufferStats(long buffers, long messages, long stuck, long atCap, Map<String, Long> lengths,
                          Map<String, Long> ages) {

    public static BufferStats of(Collection<BufferSummary> all, int cap) {
        Map<String, Long> lengths = new LinkedHashMap<>();
        for (String bucket : new String[] {"1", "2-3", "4-6", "7-" + (cap - 1), cap + " (cap)", "over cap"}) {
            lengths.put(bucket, 0L);
        }
        Map<String, Long> ages = new LinkedHashMap<>();
        for (String bucket : new String[] {"< 1m", "1-5m", "5-15m", "15-30m", "30-60m", "no TTL"}) {
            ages.put(bucket, 0L);
        }
        long messages = 0;
        long stuck = 0;
        long atCap = 0;
        for (BufferSummary b : all) {
            messages += b.length();
            stuck += b.isStuck() ? 1 : 0;
            atCap += b.length() >= cap ? 1 : 0;
            lengths.merge(lengthBucket(b.length(), cap), 1L, Long::sum);
            ages.merge(b.lastPushAge().map(BufferStats::ageBucket).orElse("no TTL"), 1L, Long::sum);
        }
        return new BufferStats(all.size(), messages, stuck, atCap, lengths, ages);
    }

    private static String lengthBucket(long n, int cap) {
        if (n > cap) {
            return "over cap";
        }
        if (n == cap) {
            return cap + " (cap)";
        }
        if (n <= 1) {
            return "1";
        }
        if (n <= 3) {
            return "2-3";
        }
        if (n <= 6) {
            return "4-6";
        }
        return "7-" + (cap - 1);
    }

    private static String ageBucket(Duration age) {
        long m = age.toMinutes();
        if (m < 1) {
            return "< 1m";
        }
        if (m < 5) {
            return "1-5m";
        }
        if (m < 15) {
            return "5-15m";
        }
        if (m < 30) {
            return "15-30m";
        }
        return "30-60m";
    }
}
