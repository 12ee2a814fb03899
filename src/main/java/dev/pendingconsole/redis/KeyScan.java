package dev.pendingconsole.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanCursor;

import java.util.List;
import java.util.Map;

/**
 * One SCAN batch: its keys, and where the next batch starts (or that the walk is over). On a cluster it
 * holds a cursor per master still being walked: every batch asks all of them at once.
 */
public final class KeyScan {

    private static final KeyScan START = new KeyScan(ScanCursor.INITIAL, null, List.of(), false);

    private final ScanCursor cursor;
    /** Cluster only: node id to its cursor, for the masters whose walk is not over; null elsewhere. */
    private final Map<String, ScanCursor> masters;
    private final List<byte[]> keys;
    private final boolean finished;

    private KeyScan(ScanCursor cursor, Map<String, ScanCursor> masters, List<byte[]> keys, boolean finished) {
        this.cursor = cursor;
        this.masters = masters;
        this.keys = keys;
        this.finished = finished;
    }

    /** Before the first batch. */
    public static KeyScan start() {
        return START;
    }

    static KeyScan of(KeyScanCursor<byte[]> page) {
        return new KeyScan(page, null, page.getKeys(), page.isFinished());
    }

    /** A page read off the wire: the next cursor as the server wrote it, "0" when the walk is over. */
    static KeyScan of(String cursor, List<byte[]> keys) {
        ScanCursor next = ScanCursor.of(cursor);
        next.setFinished("0".equals(cursor));
        return new KeyScan(next, null, keys, next.isFinished());
    }

    static KeyScan ofMasters(Map<String, ScanCursor> unfinished, List<byte[]> keys) {
        return new KeyScan(null, Map.copyOf(unfinished), keys, unfinished.isEmpty());
    }

    boolean isStart() {
        return this == START;
    }

    ScanCursor cursor() {
        return cursor;
    }

    Map<String, ScanCursor> masters() {
        return masters;
    }

    public List<byte[]> keys() {
        return keys;
    }

    public boolean isFinished() {
        return finished;
    }
}
