package dev.pendingconsole.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads queued on the gateway's pipeline connection and sent in one flush when
 * {@link RedisGateway#batch} returns: a batch of thousands costs one round trip. Each command gives a
 * {@link Reply} to await afterwards. Only reads: nothing here changes Redis.
 */
public final class Pipeline {

    private final RedisGateway gateway;
    private final RedisClusterAsyncCommands<byte[], byte[]> async;

    Pipeline(RedisGateway gateway, RedisClusterAsyncCommands<byte[], byte[]> async) {
        this.gateway = gateway;
        this.async = async;
    }

    /** The next SCAN batch after {@code from}, of keys matching the glob {@code match}. */
    public Reply<KeyScan> scan(KeyScan from, String match, int count) {
        ScanArgs args = ScanArgs.Builder.matches(match).limit(count);
        return new Reply<>(gateway, async.scan(from.cursor(), args), KeyScan::of);
    }

    public Reply<Long> pttl(byte[] key) {
        return Reply.of(gateway, async.pttl(key));
    }

    public Reply<String> type(byte[] key) {
        return Reply.of(gateway, async.type(key));
    }

    public Reply<Long> llen(byte[] key) {
        return Reply.of(gateway, async.llen(key));
    }

    public Reply<List<byte[]>> lrange(byte[] key, long start, long stop) {
        return Reply.of(gateway, async.lrange(key, start, stop));
    }

    /** The fields' values, in order, null where a field (or the hash) is missing. */
    public Reply<List<byte[]>> hmget(byte[] key, byte[]... fields) {
        return new Reply<>(gateway, async.hmget(key, fields), Pipeline::values);
    }

    static List<byte[]> values(List<KeyValue<byte[], byte[]>> pairs) {
        List<byte[]> out = new ArrayList<>(pairs.size());
        for (KeyValue<byte[], byte[]> kv : pairs) {
            out.add(kv.hasValue() ? kv.getValue() : null);
        }
        return out;
    }
}
