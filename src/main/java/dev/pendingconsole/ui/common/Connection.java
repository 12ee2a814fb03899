package dev.pendingconsole.ui.common;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.local.ConfigDir;
import dev.pendingconsole.local.ConnectionProfile;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.devtools.Sandbox;
import dev.pendingconsole.ops.Workspace;

import java.util.Map;

/**
 * An open connection as the console holds it: the workspace over it (every read, and every write through
 * its one door), what to call it, and the sandbox behind it if the console started one. Whether it is
 * production is the workspace's: ticked on the connect screen or remembered for the server's URL.
 * Opening and closing do I/O: call them from {@link Background}.
 */
public final class Connection implements AutoCloseable {

    private final Workspace workspace;
    private final String name;
    private final Sandbox sandbox;
    private final DataDir data;
    private int notifyStuckAbove;

    private Connection(Workspace workspace, String name, Sandbox sandbox, DataDir data) {
        this.workspace = workspace;
        this.name = name;
        this.sandbox = sandbox;
        this.data = data;
    }

    /** Opens a profile's connection (saved, or typed ad hoc) with a password given for this session only. */
    public static Connection open(ConnectionProfile profile, String password, Map<String, String> env) {
        DataDir data = DataDir.locate(env);
        Workspace ws = Workspace.open(profile.target(password, RedisTarget.DEFAULT_TIMEOUT), profile.schema(),
                data, ConfigDir.locate(env), profile.name(), profile.production());
        try {
            ws.useBackend(profile.backend());
            ws.probeWrites();
            Connection opened = new Connection(ws, profile.name(), null, data);
            opened.notifyStuckAbove = profile.notifyStuckAbove();
            return opened;
        } catch (RuntimeException e) {
            ws.close();
            throw e;
        }
    }

    /** Starts a sandbox with demo data and connects to it. */
    public static Connection sandbox(boolean readOnly, Map<String, String> env) {
        return sandbox(readOnly, false, env);
    }

    /** As above; {@code cluster}: a 3-master Redis Cluster, as today's backend runs on. */
    public static Connection sandbox(boolean readOnly, boolean cluster, Map<String, String> env) {
        Sandbox sandbox = cluster ? Sandbox.startCluster() : Sandbox.start(0);
        try {
            RedisTarget target = RedisTarget.parse(sandbox.url()).readOnly(readOnly);
            DataDir data = DataDir.locate(env);
            Workspace ws = Workspace.open(cluster ? target.withMode(RedisTarget.Mode.CLUSTER) : target, KeySchema.SEED,
                    data, ConfigDir.locate(env), "sandbox", false);
            return new Connection(ws, "sandbox", sandbox, data);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    /** The profile's alert: a desktop notification when more buffers than this are stuck (0: none). */
    public int notifyStuckAbove() {
        return notifyStuckAbove;
    }

    public Workspace workspace() {
        return workspace;
    }

    public String name() {
        return name;
    }

    /** Where this machine's backups and audit log are. */
    public DataDir data() {
        return data;
    }

    public String describe() {
        return name + " \u2014 " + workspace.target() + (workspace.isCluster() ? " (cluster)" : "");
    }

    /** Whether this is the built-in sandbox, whose server and data go away with the connection. */
    public boolean isSandbox() {
        return sandbox != null;
    }

    public boolean isProduction() {
        return workspace.isProduction();
    }

    public boolean isReadOnly() {
        return workspace.isReadOnly();
    }

    /** Why writes are disabled, for the banner and tooltips. */
    public String readOnlyReason() {
        return workspace.readOnlyReason();
    }

    @Override
    public void close() {
        workspace.close();
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
