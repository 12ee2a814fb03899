package dev.pendingconsole.redis;

import dev.pendingconsole.core.RedisFailure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Sharded pub/sub (Redis 7: SSUBSCRIBE) on a set of channels that changes over time. Sharded channels
 * have no pattern subscription, so the caller names every channel; on a cluster each channel is
 * subscribed on the master that owns its slot, one SSUBSCRIBE per channel (a multi-channel SSUBSCRIBE
 * must stay within one slot). Messages reach the listener on a Lettuce thread. Thread-safe.
 */
public final class ShardChannels implements RedisGateway.Subscription {

    private final RedisGateway gateway;
    private final StatefulRedisPubSubConnection<byte[], byte[]> standalone;
    private final StatefulRedisClusterPubSubConnection<byte[], byte[]> cluster;
    private final RedisPubSubAdapter<byte[], byte[]> adapter;
    /** channel → the node it is subscribed on ("" when standalone). */
    private final Map<ByteBuffer, String> subscribed = new HashMap<>();
    private final Set<String> listenedNodes = new HashSet<>();

    ShardChannels(RedisGateway gateway, Object client, BiConsumer<byte[], byte[]> listener) {
        this.gateway = gateway;
        this.adapter = new RedisPubSubAdapter<>() {
            @Override
            public void smessage(byte[] channel, byte[] message) {
                listener.accept(channel, message);
            }
        };
        if (client instanceof RedisClusterClient c) {
            this.cluster = c.connectPubSub(ByteArrayCodec.INSTANCE);
            this.standalone = null;
        } else {
            this.standalone = ((RedisClient) client).connectPubSub(ByteArrayCodec.INSTANCE);
            this.standalone.addListener(adapter);
            this.cluster = null;
        }
    }

    /**
     * Subscribes to every channel of {@code channels} not yet subscribed and unsubscribes those no longer
     * in it. Returns how many channels are subscribed now.
     */
    public synchronized int watch(Set<ByteBuffer> channels) {
        try {
            List<ByteBuffer> gone = new ArrayList<>();
            for (ByteBuffer ch : subscribed.keySet()) {
                if (!channels.contains(ch)) {
                    gone.add(ch);
                }
            }
            for (ByteBuffer ch : gone) {
                connectionFor(subscribed.remove(ch)).async().sunsubscribe(bytes(ch));
            }
            for (ByteBuffer ch : channels) {
                if (!subscribed.containsKey(ch)) {
                    byte[] channel = bytes(ch);
                    String node = nodeOf(channel);
                    gateway.await(connectionFor(node).async().ssubscribe(channel));
                    subscribed.put(ch, node);
                }
            }
            return subscribed.size();
        } catch (RuntimeException e) {
            throw e instanceof RedisFailure f ? f : gateway.failure(e);
        }
    }

    private String nodeOf(byte[] channel) {
        if (cluster == null) {
            return "";
        }
        return cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(channel)).getNodeId();
    }

    private StatefulRedisPubSubConnection<byte[], byte[]> connectionFor(String node) {
        if (cluster == null) {
            return standalone;
        }
        StatefulRedisPubSubConnection<byte[], byte[]> c = cluster.getConnection(node);
        if (listenedNodes.add(node)) {
            c.addListener(adapter);
        }
        return c;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Override
    public synchronized boolean isOpen() {
        if (standalone != null) {
            return standalone.isOpen();
        }
        if (!cluster.isOpen()) {
            return false;
        }
        for (String node : new HashSet<>(subscribed.values())) {
            if (!cluster.getConnection(node).isOpen()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void close() {
        if (standalone != null) {
            standalone.closeAsync();
        } else {
            cluster.closeAsync();
        }
    }
}
