package dev.pendingconsole.ui.sessions;

import dev.pendingconsole.ops.SessionScan;
import dev.pendingconsole.ui.common.Background;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The pages a scan's worker found, handed to the FX thread at most once a frame: everything that arrived
 * since the last hand-over lands as one batch, so a scan of a million keys (a thousand pages) never waits
 * a frame per page, and the table changes once a frame however fast the pages come. The worker waits only
 * while more than {@code maxWaiting} rows are not shown yet, so a stalled FX thread bounds what piles up.
 */
final class ScanInbox {

    /** About the most rows one frame takes on (a scan finds some 600 a frame at full speed). */
    static final int ROWS_PER_FRAME = 5_000;

    private final Background background;
    private final Consumer<List<SessionScan.Page>> show;
    private final int maxWaiting;
    private final Object lock = new Object();
    private final Deque<SessionScan.Page> waiting = new ArrayDeque<>();
    private int waitingRows;
    private boolean scheduled;
    private long handedOver;

    /** {@code show}: runs on the FX thread with the pages since the last call, in the order found. */
    ScanInbox(Background background, int maxWaiting, Consumer<List<SessionScan.Page>> show) {
        this.background = background;
        this.maxWaiting = maxWaiting;
        this.show = show;
    }

    /** Worker thread: queues a page for the next frame; waits (two seconds at most) while too many rows wait. */
    void offer(SessionScan.Page page) {
        boolean schedule;
        synchronized (lock) {
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (waitingRows > maxWaiting && System.nanoTime() < deadline) {
                waitQuietly(50);
            }
            waiting.add(page);
            waitingRows += page.buffers().size();
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            background.toFx((Runnable r) -> background.framesLater(1, r)).accept(() -> drain(ROWS_PER_FRAME));
        }
    }

    /**
     * Worker thread: waits until everything offered so far has been shown and {@code frames} more frames
     * drawn, two seconds at most: the first rows of a cold JVM get a few frames to themselves.
     */
    void awaitShown(int frames) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        synchronized (lock) {
            long target = handedOver + waiting.size();
            while (handedOver < target && System.nanoTime() < deadline) {
                waitQuietly(50);
            }
        }
        CountDownLatch drawn = new CountDownLatch(1);
        background.toFx((Runnable r) -> background.framesLater(frames, r)).accept(drawn::countDown);
        try {
            drawn.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** FX thread: shows whatever waits now (the scan's end calls it before reading the table). */
    void drain() {
        drain(Integer.MAX_VALUE);
    }

    /**
     * FX thread: shows the pages that wait, up to about {@code maxRows} rows, and leaves the rest for the
     * next frame: a frame after a stall (a collection, a layout) does not take on everything that piled up.
     */
    private void drain(int maxRows) {
        List<SessionScan.Page> pages = new ArrayList<>();
        boolean more;
        synchronized (lock) {
            int rows = 0;
            while (!waiting.isEmpty() && (pages.isEmpty() || rows < maxRows)) {
                SessionScan.Page page = waiting.removeFirst();
                rows += page.buffers().size();
                pages.add(page);
            }
            waitingRows -= rows;
            more = !waiting.isEmpty();
            scheduled = more;
            handedOver += pages.size();
            lock.notifyAll();
        }
        if (more) {
            background.framesLater(1, () -> drain(ROWS_PER_FRAME));
        }
        if (!pages.isEmpty()) {
            show.accept(pages);
        }
    }

    private void waitQuietly(long millis) {
        try {
            lock.wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
