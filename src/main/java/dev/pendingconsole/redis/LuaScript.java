package dev.pendingconsole.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script kept as a resource next to this class, run by its SHA with EVALSHA. When the server's
 * script cache does not have it (NOSCRIPT: the script did not run), it is loaded and run once more,
 * which is safe even for writes. The source is read and hashed on first use: reading every script and
 * starting the JDK's SHA-1 provider was 20 ms of the start of every command, writes or not.
 */
public final class LuaScript {

    private final String name;
    private volatile Source loaded;

    /** The script's bytes and their SHA-1, as EVALSHA names it. */
    private record Source(byte[] bytes, String sha) {
    }

    private LuaScript(String name) {
        this.name = name;
    }

    /** The script {@code <name>.lua} among this package's resources, where every script lives. */
    public static LuaScript load(String name) {
        if (LuaScript.class.getResource(name + ".lua") == null) {
            throw new IllegalStateException("missing script resource " + name + ".lua");
        }
        return new LuaScript(name);
    }

    private Source loaded() {
        Source source = loaded;
        if (source == null) { // two threads may both read it: the same bytes either way
            try (InputStream in = LuaScript.class.getResourceAsStream(name + ".lua")) {
                if (in == null) {
                    throw new IllegalStateException("missing script resource " + name + ".lua");
                }
                byte[] bytes = in.readAllBytes();
                source = new Source(bytes, sha1(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            loaded = source;
        }
        return source;
    }

    public String name() {
        return name;
    }

    public String sha() {
        return loaded().sha();
    }

    public String source() {
        return new String(loaded().bytes(), StandardCharsets.UTF_8);
    }

    public <T> T run(RedisClusterCommands<byte[], byte[]> redis, ScriptOutputType type, byte[][] keys,
                     byte[]... args) {
        Source source = loaded();
        try {
            return redis.evalsha(source.sha(), type, keys, args);
        } catch (RedisNoScriptException e) {
            redis.scriptLoad(source.bytes());
            return redis.evalsha(source.sha(), type, keys, args);
        }
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
