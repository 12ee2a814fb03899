package dev.pendingconsole.ui;

import javafx.application.Platform;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one place that owns threading: Redis and file work runs on a small pool of daemon threads, and
 * results come back on the JavaFX application thread. Nothing else in the UI starts threads or calls
 * {@code Platform.runLater}.
 */
public final class Background {

    private final ExecutorService pool;
    private final AtomicInteger busy = new AtomicInteger();

    public Background() {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "pending-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code work} off the FX thread; exactly one of the callbacks then runs on the FX thread. */
    public <T> CompletableFuture<T> run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        busy.incrementAndGet();
        CompletableFuture<T> future = CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, pool);
        future.whenComplete((value, error) -> onFx(() -> {
            busy.decrementAndGet();
            if (error == null) {
                onSuccess.accept(value);
            } else {
                onFailure.accept(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        }));
        return future;
    }

    /** Hands a value produced on a worker thread to the FX thread. */
    public <T> Consumer<T> toFx(Consumer<T> onFx) {
        return value -> onFx(() -> onFx.accept(value));
    }

    /** Whether any background work is running (for tests and the status bar). */
    public boolean isBusy() {
        return busy.get() > 0;
    }

    /**
     * Runs {@code then} on the FX thread once the next frame has been laid out and rendered (it must be
     * called on the FX thread): lets work wait until what the user asked to see is on the screen.
     */
    static void afterNextFrame(Runnable then) {
        afterFrames(1, then);
    }

    /** Runs {@code then} on the FX thread once {@code count} more frames have been laid out and rendered. */
    static void afterFrames(int count, Runnable then) {
        new javafx.animation.AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames == count + 1) {
                    stop();
                    then.run();
                }
            }
        }.start();
    }

    static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    public void shutdown() {
        pool.shutdownNow();
    }
}
