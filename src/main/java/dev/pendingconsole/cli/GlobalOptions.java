package dev.pendingconsole.cli;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PendingBuffers;
import dev.pendingconsole.core.RedisGateway;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.core.SessionId;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

import java.time.Duration;

/** Options every command takes: where Redis is, how to print, how long to wait. */
final class GlobalOptions {

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Redis URL (redis:// or rediss://). Default: $REDIS_URL, else " + RedisTarget.DEFAULT_URL)
    String url;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON for scripts instead of text.")
    boolean json;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS", defaultValue = "10",
            description = "How long one Redis call may take (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    RedisTarget target(java.util.Map<String, String> env) {
        String chosen = url != null ? url : env.getOrDefault("REDIS_URL", RedisTarget.DEFAULT_URL);
        if (timeoutSeconds < 1) {
            throw new Cli.UsageException("--timeout must be at least 1 second");
        }
        return RedisTarget.parse(chosen, Duration.ofSeconds(timeoutSeconds));
    }

    static SessionId session(String id) {
        try {
            return SessionId.of(id);
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException(e.getMessage());
        }
    }

    /** Opens the gateway and the buffer operations with the seed's key schema. */
    static final class Connection implements AutoCloseable {
        final RedisGateway gateway;
        final PendingBuffers buffers;

        Connection(RedisTarget target) {
            this.gateway = RedisGateway.open(target);
            this.buffers = new PendingBuffers(gateway, KeySchema.SEED);
        }

        @Override
        public void close() {
            gateway.close();
        }
    }

    /** Base for commands: the root (for the environment) and the output. */
    abstract static class Base implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        RootCommand root;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        Output output() {
            return new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), root.options.json);
        }

        Connection connect() {
            return new Connection(root.options.target(root.env));
        }
    }
}
