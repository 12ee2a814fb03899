package dev.pendingconsole.redis;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A reply read when someone first waits for it, on the waiting thread: the wait is bounded by the
 * sockets' read timeout rather than by the caller's, and nothing can cancel it.
 *
 * @param <T> the reply's type
 */
abstract class OnDemand<T> implements Future<T> {

    @Override
    public final T get(long timeout, TimeUnit unit) throws ExecutionException, InterruptedException {
        return get();
    }

    @Override
    public final boolean cancel(boolean mayInterruptIfRunning) {
        return false;
    }

    @Override
    public final boolean isCancelled() {
        return false;
    }
}
