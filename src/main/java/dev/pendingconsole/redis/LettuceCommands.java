package dev.pendingconsole.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link Commands} over Lettuce's synchronous API: one object per call, nothing kept. */
final class LettuceCommands implements Commands {

    private final RedisClusterCommands<byte[], byte[]> r;

    LettuceCommands(RedisClusterCommands<byte[], byte[]> r) {
        this.r = r;
    }

    @Override
    public Long pttl(byte[] key) {
        return r.pttl(key);
    }

    @Override
    public Long llen(byte[] key) {
        return r.llen(key);
    }

    @Override
    public byte[] getrange(byte[] key, long start, long end) {
        return r.getrange(key, start, end);
    }

    @Override
    public Long hlen(byte[] key) {
        return r.hlen(key);
    }

    @Override
    public String type(byte[] key) {
        return r.type(key);
    }

    @Override
    public List<byte[]> lrange(byte[] key, long start, long stop) {
        return r.lrange(key, start, stop);
    }

    @Override
    public byte[] lindex(byte[] key, long index) {
        return r.lindex(key, index);
    }

    @Override
    public byte[] get(byte[] key) {
        return r.get(key);
    }

    @Override
    public List<byte[]> hmget(byte[] key, byte[]... fields) {
        return Pipeline.values(r.hmget(key, fields));
    }

    @Override
    public Map<String, String> hgetall(byte[] key) {
        Map<String, String> out = new LinkedHashMap<>();
        r.hgetall(key).forEach((k, v) -> out.put(new String(k, StandardCharsets.UTF_8),
                new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    @Override
    public String info(String section) {
        return r.info(section);
    }

    @Override
    public String clusterNodes() {
        return r.clusterNodes();
    }

    @Override
    public Long dbsize() {
        return r.dbsize();
    }

    @Override
    public byte[] dump(byte[] key) {
        return r.dump(key);
    }

    @Override
    public String configGet(String parameter) {
        return r.configGet(parameter).get(parameter);
    }

    @Override
    public List<StreamEntry> xrevrange(byte[] key, int count) {
        return r.xrevrange(key, Range.create("-", "+"), Limit.from(count)).stream().map(m -> {
            Map<String, String> fields = new LinkedHashMap<>();
            m.getBody().forEach((k, v) -> fields.put(new String(k, StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8)));
            return new StreamEntry(m.getId(), fields);
        }).toList();
    }

    @Override
    public Boolean pexpire(byte[] key, long millis) {
        return r.pexpire(key, millis);
    }

    @Override
    public Boolean persist(byte[] key) {
        return r.persist(key);
    }

    @Override
    public Long del(byte[]... keys) {
        return r.del(keys);
    }
}
