package dev.pendingconsole.redis;

import dev.pendingconsole.core.RedisFailure;

import io.lettuce.core.RedisFuture;

import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The answer to a command sent in a {@link Pipeline}: read it with {@link #await()} once the batch is
 * flushed. Failures come as {@link RedisFailure}s, after the target's timeout at the most.
 *
 * @param <T> the answer's type
 */
public final class Reply<T> {

    private final RedisGateway gateway;
    private final Future<?> future;
    private final Function<Object, T> convert;

    @SuppressWarnings("unchecked")
    <S> Reply(RedisGateway gateway, Future<S> future, Function<S, T> convert) {
        this.gateway = gateway;
        this.future = future;
        this.convert = (Function<Object, T>) convert;
    }

    static <T> Reply<T> of(RedisGateway gateway, RedisFuture<T> future) {
        return new Reply<>(gateway, future, Function.<T>identity());
    }

    /** Waits for the answer. */
    public T await() {
        return convert.apply(gateway.await(future));
    }

    /** The answer, or {@code fallback} when the key holds another type (it changed under the scan). */
    public T awaitOr(T fallback) {
        try {
            return await();
        } catch (RedisFailure e) {
            if (e.kind() == RedisFailure.Kind.WRONG_TYPE) {
                return fallback;
            }
            throw e;
        }
    }
}
