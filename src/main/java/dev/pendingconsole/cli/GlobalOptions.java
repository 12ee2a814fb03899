package dev.pendingconsole.cli;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PendingBuffers;
import dev.pendingconsole.core.RedisGateway;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.DataDir;
import dev.pendingconsole.ops.Operations;
import dev.pendingconsole.ops.StuckRules;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

import java.time.Duration;
import java.util.Map;

/** Options every command takes: where Redis is, how to print, how long to wait, whether to write. */
final class GlobalOptions {

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Redis URL (redis://, rediss:// or redis-sentinel://). Default: $REDIS_URL, else "
                    + RedisTarget.DEFAULT_URL)
    String url;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON for scripts instead of text.")
    boolean json;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS", defaultValue = "10",
            description = "How long one Redis call may take (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--read-only", scope = ScopeType.INHERIT,
            description = "Refuse every write: browse and peek only.")
    boolean readOnly;

    @Option(names = "--tls-ca", scope = ScopeType.INHERIT, paramLabel = "PEM",
            description = "For rediss://: trust the CA certificates in this PEM file instead of the JDK's.")
    java.nio.file.Path tlsCa;

    int cap() {
        return KeySchema.SEED.cap();
    }

    RedisTarget target(Map<String, String> env) {
        String chosen = url != null ? url : env.getOrDefault("REDIS_URL", RedisTarget.DEFAULT_URL);
        if (timeoutSeconds < 1) {
            throw new Cli.UsageException("--timeout must be at least 1 second");
        }
        RedisTarget target = RedisTarget.parse(chosen, Duration.ofSeconds(timeoutSeconds)).readOnly(readOnly);
        if (tlsCa != null) {
            if (!java.nio.file.Files.isReadable(tlsCa)) {
                throw new Cli.UsageException("--tls-ca: cannot read " + tlsCa);
            }
            target = target.withTls(true, tlsCa);
        }
        return target;
    }

    static SessionId session(String id) {
        try {
            return SessionId.of(id);
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException(e.getMessage());
        }
    }

    /** An open connection with the core buffer operations and the operators' toolbox. */
    static final class Connection implements AutoCloseable {
        final RedisGateway gateway;
        final PendingBuffers buffers;
        final Operations ops;

        Connection(RedisTarget target, Map<String, String> env) {
            this.gateway = RedisGateway.open(target);
            this.buffers = new PendingBuffers(gateway, KeySchema.SEED);
            this.ops = new Operations(gateway, KeySchema.SEED, DataDir.locate(env), StuckRules.DEFAULT);
        }

        @Override
        public void close() {
            gateway.close();
        }
    }

    /** Base for commands: the root (for the environment), the output, the connection, confirmations. */
    abstract static class Base implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        RootCommand root;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        Output output() {
            return new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), root.options.json);
        }

        Connection connect() {
            return new Connection(root.options.target(root.env), root.env);
        }

        /**
         * Asks before a destructive action: {@code yes} skips the question; without a terminal the action
         * is refused, since nobody can answer.
         */
        void confirm(boolean yes, String question) {
            if (yes) {
                return;
            }
            if (!root.terminal.interactive()) {
                throw new Cli.UsageException("refusing: " + question.replaceAll("\\?$", "")
                        + " needs confirmation; pass --yes (no terminal to ask on)");
            }
            String answer = root.terminal.ask(question + " [y/N] ");
            if (answer == null || !(answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) {
                throw new Cli.OperationFailed("cancelled: nothing was changed");
            }
        }
    }
}
