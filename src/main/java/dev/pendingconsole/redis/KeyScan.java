package dev.pendingconsole.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanCursor;

import java.util.List;

/** One SCAN batch: its keys, and where the next batch starts (or that the walk is over). */
public final class KeyScan {

    private static final KeyScan START = new KeyScan(ScanCursor.INITIAL, List.of(), false);

    private final ScanCursor cursor;
    private final List<byte[]> keys;
    private final boolean finished;

    private KeyScan(ScanCursor cursor, List<byte[]> keys, boolean finished) {
        this.cursor = cursor;
        this.keys = keys;
        this.finished = finished;
    }

    /** Before the first batch. */
    public static KeyScan start() {
        return START;
    }

    static KeyScan of(KeyScanCursor<byte[]> page) {
        return new KeyScan(page, page.getKeys(), page.isFinished());
    }

    ScanCursor cursor() {
        return cursor;
    }

    public List<byte[]> keys() {
        return keys;
    }

    public boolean isFinished() {
        return finished;
    }
}
