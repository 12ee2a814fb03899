package dev.pendingconsole.ui;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.RedisGateway;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.ops.DataDir;
import dev.pendingconsole.ops.Operations;
import dev.pendingconsole.ops.Sandbox;
import dev.pendingconsole.ops.StuckRules;

import java.util.Map;

/**
 * An open connection as the console holds it: the operations over it, what to call it, whether it is
 * production, and the sandbox behind it if the console started one. Opening and closing do I/O: call
 * them from {@link Background}.
 */
public final class Connection implements AutoCloseable {

    private final Operations ops;
    private final String name;
    private final boolean production;
    private final Sandbox sandbox;

    private Connection(Operations ops, String name, boolean production, Sandbox sandbox) {
        this.ops = ops;
        this.name = name;
        this.production = production;
        this.sandbox = sandbox;
    }

    /** Opens a profile's connection with a password given for this session only. */
    public static Connection open(dev.pendingconsole.ops.ConnectionProfile profile, String password, Map<String, String> env) {
        RedisGateway gateway = RedisGateway.open(profile.target(password, RedisTarget.DEFAULT_TIMEOUT));
        try {
            Operations ops = new Operations(gateway, profile.schema(), DataDir.locate(env), StuckRules.DEFAULT);
            ops.probeWrites();
            return new Connection(ops, profile.name(), profile.production(), null);
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    /** Starts a sandbox with demo data and connects to it. */
    public static Connection sandbox(boolean readOnly, Map<String, String> env) {
        Sandbox sandbox = Sandbox.start(0);
        try {
            RedisGateway gateway = RedisGateway.open(RedisTarget.parse(sandbox.url()).readOnly(readOnly));
            return new Connection(new Operations(gateway, KeySchema.SEED, DataDir.locate(env), StuckRules.DEFAULT),
                    "sandbox", false, sandbox);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    public Operations ops() {
        return ops;
    }

    public String name() {
        return name;
    }

    public String describe() {
        return name + " \u2014 " + ops.redis().target() + (ops.redis().isCluster() ? " (cluster)" : "");
    }

    public boolean isProduction() {
        return production;
    }

    public boolean isReadOnly() {
        return ops.isReadOnly();
    }

    /** Why writes are disabled, for the banner and tooltips. */
    public String readOnlyReason() {
        return ops.redis().readOnlyReason();
    }

    @Override
    public void close() {
        ops.redis().close();
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
