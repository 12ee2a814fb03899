package dev.pendingconsole.ui.sessions;

import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.SessionScan;
import dev.pendingconsole.ui.common.Background;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scan's hand-over to the FX thread, with real frames (Monocle): every page arrives, in order, on the
 * FX thread; pages that come faster than frames land together, a frame's share bounded; and a stalled FX
 * thread holds the worker back instead of letting rows pile up.
 */
@ExtendWith(ApplicationExtension.class)
class ScanInboxTest {

    private static final int PAGE = 1_000;
    private static final int MAX_WAITING = 20_000;

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Pane(), 100, 100));
        stage.show();
    }

    private static SessionScan.Page page(int number) {
        List<BufferSummary> rows = Collections.nCopies(PAGE, null); // the inbox counts rows, never reads them
        return new SessionScan.Page(rows, List.of(), new SessionScan.Progress(number, 0, 0, 0, false, false));
    }

    @Test
    void pagesFasterThanFramesLandTogetherInOrderOnTheFxThread() throws Exception {
        int pages = 100;
        List<Long> order = Collections.synchronizedList(new ArrayList<>());
        List<Integer> rowsPerCall = Collections.synchronizedList(new ArrayList<>());
        AtomicLong offFx = new AtomicLong();
        CountDownLatch all = new CountDownLatch(pages);
        ScanInbox inbox = new ScanInbox(new Background(), MAX_WAITING, handed -> {
            if (!Platform.isFxApplicationThread()) {
                offFx.incrementAndGet();
            }
            rowsPerCall.add(handed.stream().mapToInt(p -> p.buffers().size()).sum());
            handed.forEach(p -> {
                order.add(p.progress().scanned());
                all.countDown();
            });
        });
        Thread worker = new Thread(() -> {
            for (int i = 0; i < pages; i++) {
                inbox.offer(page(i));
            }
        });
        worker.start();
        assertThat(all.await(30, TimeUnit.SECONDS)).as("every page shown").isTrue();
        worker.join();

        assertThat(offFx.get()).as("shown off the FX thread").isZero();
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < pages; i++) {
            expected.add(i);
        }
        assertThat(order).as("in the order found").isEqualTo(expected);
        assertThat(rowsPerCall).as("a frame takes on about %,d rows at most", ScanInbox.ROWS_PER_FRAME)
                .allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(ScanInbox.ROWS_PER_FRAME + PAGE));
        assertThat(rowsPerCall.size()).as("pages that came together were shown together, not a frame each")
                .isLessThan(pages / 2);
    }

    @Test
    void aStalledFxThreadHoldsTheWorkerBack() throws Exception {
        AtomicLong shown = new AtomicLong();
        ScanInbox inbox = new ScanInbox(new Background(), MAX_WAITING,
                handed -> handed.forEach(p -> shown.addAndGet(p.buffers().size())));
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Platform.runLater(() -> { // a long layout, a collection: the FX thread does not take its frames
            stalled.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(stalled.await(5, TimeUnit.SECONDS)).isTrue();
        AtomicLong offered = new AtomicLong();
        Thread worker = new Thread(() -> {
            for (int i = 0; i < 60; i++) {
                inbox.offer(page(i));
                offered.addAndGet(PAGE);
            }
        });
        worker.start();
        Thread.sleep(1_000); // under the inbox's two-second patience
        long piledUp = offered.get() - shown.get();
        release.countDown();
        worker.join(30_000);

        assertThat(piledUp).as("rows waiting while the FX thread was stalled")
                .isLessThanOrEqualTo(MAX_WAITING + 2L * PAGE);
        assertThat(worker.isAlive()).isFalse();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (shown.get() < 60L * PAGE && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(shown.get()).as("every row shown once the FX thread is back").isEqualTo(60L * PAGE);
    }
}
