package dev.pendingconsole.ui.common;

import javafx.animation.AnimationTimer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Platform;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
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
    private final Executor work;
    private final Executor results;
    private final AtomicInteger busy = new AtomicInteger();
    /** Work and results on the calling thread, at once (a view model's unit test): see {@link #onCallingThread}. */
    private final boolean immediate;

    /** Work on a small pool of daemon threads; results on the JavaFX application thread. */
    public Background() {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "pending-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        work = pool;
        results = Background::onFx;
        immediate = false;
    }

    private Background(Executor both) {
        pool = null;
        work = both;
        results = both;
        immediate = true;
    }

    /**
     * Work and results both on the calling thread, at once: a view model's unit test runs its background
     * work this way, with no window and no toolkit (JabRef's CurrentThreadTaskExecutor, in our terms).
     * A callback that throws throws out of {@link #run}, so a test sees it instead of losing it.
     */
    public static Background onCallingThread() {
        return new Background(Runnable::run);
    }

    /** Runs {@code work} off the FX thread; exactly one of the callbacks then runs on the FX thread. */
    public <T> CompletableFuture<T> run(Callable<T> task, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        busy.incrementAndGet();
        CompletableFuture<T> future = CompletableFuture.supplyAsync(() -> {
            try {
                return task.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, work);
        RuntimeException[] thrown = {null};
        future.whenComplete((value, error) -> results.execute(() -> {
            busy.decrementAndGet();
            try {
                if (error == null) {
                    onSuccess.accept(value);
                } else {
                    onFailure.accept(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                }
            } catch (RuntimeException e) {
                if (!immediate) {
                    throw e;
                }
                thrown[0] = e;
            }
        }));
        if (thrown[0] != null) {
            throw thrown[0];
        }
        return future;
    }

    /** Hands a value produced on a worker thread to the FX thread. */
    public <T> Consumer<T> toFx(Consumer<T> onFx) {
        return value -> results.execute(() -> onFx.accept(value));
    }

    /** Whether any background work is running (for tests and the status bar). */
    public boolean isBusy() {
        return busy.get() > 0;
    }

    /**
     * Runs {@code then} on the FX thread once the next frame has been laid out and rendered (it must be
     * called on the FX thread): lets work wait until what the user asked to see is on the screen.
     */
    public static void afterNextFrame(Runnable then) {
        afterFrames(1, then);
    }

    /** Runs {@code then} on the FX thread once {@code count} more frames have been laid out and rendered. */
    public static void afterFrames(int count, Runnable then) {
        new AnimationTimer() {
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

    /** Runs {@code then} on the FX thread at its next turn (at once, on the calling thread, in a unit test). */
    public void later(Runnable then) {
        if (immediate) {
            then.run();
        } else {
            Platform.runLater(then);
        }
    }

    /**
     * Runs {@code then} once {@code count} more frames have been shown (call it on the FX thread); at once
     * in a unit test, which has no frames.
     */
    public void framesLater(int count, Runnable then) {
        if (immediate) {
            then.run();
        } else {
            afterFrames(count, then);
        }
    }

    /** A timer on the FX thread: started again by each {@link #restart}, stopped by {@link #stop}. */
    public interface Timer {
        void restart();

        void stop();
    }

    /**
     * {@code action} on the FX thread {@code delay} after the last {@link Timer#restart} (a pause in typing,
     * say). Make it on the FX thread. In a unit test each restart runs the action at once.
     */
    public Timer after(Duration delay, Runnable action) {
        if (immediate) {
            return timer(action, () -> { });
        }
        PauseTransition pause = new PauseTransition(javafx.util.Duration.millis(delay.toMillis()));
        pause.setOnFinished(e -> action.run());
        return timer(pause::playFromStart, pause::stop);
    }

    /** {@code action} on the FX thread every {@code period} once started. In a unit test it never fires by itself. */
    public Timer every(Duration period, Runnable action) {
        if (immediate) {
            return timer(() -> { }, () -> { });
        }
        Timeline ticks = new Timeline(new KeyFrame(javafx.util.Duration.millis(period.toMillis()), e -> action.run()));
        ticks.setCycleCount(Animation.INDEFINITE);
        return timer(ticks::playFromStart, ticks::stop);
    }

    private static Timer timer(Runnable restart, Runnable stop) {
        return new Timer() {
            @Override
            public void restart() {
                restart.run();
            }

            @Override
            public void stop() {
                stop.run();
            }
        };
    }

    static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    public void shutdown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
