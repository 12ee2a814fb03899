package dev.pendingconsole.cli;

import dev.pendingconsole.core.BackendChoice;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.local.ConfigDir;
import dev.pendingconsole.local.ProfileStore;
import dev.pendingconsole.local.ConnectionProfile;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ops.write.Confirmer;
import dev.pendingconsole.ops.write.Question;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Options every command takes: where Redis is, how to print, how long to wait, whether to write. */
final class GlobalOptions {

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Redis URL (redis://, rediss:// or redis-sentinel://). Default: $REDIS_URL, else "
                    + RedisTarget.DEFAULT_URL + ". A password not in the URL is taken from $REDISCLI_AUTH.")
    String url;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON for scripts instead of text: one document per line.")
    boolean json;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS", defaultValue = "10",
            description = "How long one Redis call may take (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--pretty", scope = ScopeType.INHERIT, description = "With --json: indent the document (implies --json).")
    boolean pretty;

    @Option(names = "--read-only", scope = ScopeType.INHERIT,
            description = "Refuse every write: browse and peek only.")
    boolean readOnly;

    @Option(names = "--backend", scope = ScopeType.INHERIT, paramLabel = "seed|current|auto", defaultValue = "auto",
            description = "Which backend's keys a session id names: seed (copilot:pending:<sid>), current"
                    + " (copilot:pending:{<sid>}), or auto: whichever exists (default).")
    String backend;

    @Option(names = "--production", scope = ScopeType.INHERIT,
            description = "This server is production: every write shows its plan and asks for the session id to be"
                    + " typed (--confirm in scripts; --yes is not enough). Remembered for the server's URL once a write here has"
                    + " had its token typed.")
    boolean production;

    @Option(names = "--confirm", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "For scripts, where a write needs a typed confirmation (production, or another server's"
                    + " backup): the token it names, e.g. the session id, the number of buffers, the user.")
    String confirm;

    @Option(names = "--ask-pass", scope = ScopeType.INHERIT,
            description = "Ask for the password on the terminal (not echoed), as redis-cli -a would take it.")
    boolean askPass;

    @Option(names = "--profile", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Connect as the console's saved profile NAME does (URL, TLS, key schema, backend, read-only,"
                    + " production); the password from $REDISCLI_AUTH. 'pending profiles' lists them.")
    String profile;

    @Option(names = "--tls-ca", scope = ScopeType.INHERIT, paramLabel = "PEM",
            description = "For rediss://: trust the CA certificates in this PEM file instead of the JDK's.")
    Path tlsCa;

    int cap() {
        return KeySchema.SEED.cap();
    }

    /** The saved profile {@code --profile} names, if any; a usage error when there is none of that name. */
    Optional<ConnectionProfile> profile(Map<String, String> env) {
        if (profile == null) {
            return Optional.empty();
        }
        if (url != null) {
            throw new Cli.UsageException("give --url or --profile, not both");
        }
        List<ConnectionProfile> saved = new ProfileStore(ConfigDir.locate(env).profiles()).load().profiles();
        return Optional.of(saved.stream().filter(p -> p.name().equals(profile)).findFirst()
                .orElseThrow(() -> new Cli.UsageException("no saved profile '" + profile + "'" + (saved.isEmpty()
                        ? " (none saved: 'pending profiles add NAME URL' saves one)"
                        : "; saved: " + String.join(", ", saved.stream().map(ConnectionProfile::name).toList())))));
    }

    RedisTarget target(Map<String, String> env) {
        if (timeoutSeconds < 1) {
            throw new Cli.UsageException("--timeout must be at least 1 second");
        }
        Optional<ConnectionProfile> saved = profile(env);
        if (saved.isPresent()) {
            RedisTarget target = saved.get().target(env.get("REDISCLI_AUTH"), Duration.ofSeconds(timeoutSeconds));
            return readOnly ? target.readOnly(true) : target;
        }
        String chosen = url != null ? url : env.getOrDefault("REDIS_URL", RedisTarget.DEFAULT_URL);
        // the password: in the URL, else in $REDISCLI_AUTH (redis-cli's convention: not in history, not in ps)
        RedisTarget target = RedisTarget.parse(chosen, Duration.ofSeconds(timeoutSeconds)).readOnly(readOnly)
                .withPassword(env.get("REDISCLI_AUTH"));
        if (tlsCa != null) {
            if (!Files.isReadable(tlsCa)) {
                throw new Cli.UsageException("--tls-ca: cannot read " + tlsCa);
            }
            target = target.withTls(true, tlsCa);
        }
        return target;
    }

    /** The key schema: the profile's, else the seed's (today's keys are told from it per buffer). */
    KeySchema schema(Map<String, String> env) {
        return profile(env).map(ConnectionProfile::schema).orElse(KeySchema.SEED);
    }

    BackendChoice backend(Map<String, String> env) {
        Optional<ConnectionProfile> saved = profile(env);
        if (saved.isPresent() && "auto".equalsIgnoreCase(backend)) {
            return saved.get().backend(); // --backend given on the command line wins over the profile's
        }
        return backend();
    }

    BackendChoice backend() {
        try {
            return BackendChoice.parse(backend);
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException("--backend takes seed, current or auto, not '" + backend + "'");
        }
    }

    static SessionId session(String id) {
        try {
            return SessionId.of(id);
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException(e.getMessage());
        }
    }

    /** An open workspace: every read and, through its one door, every write. */
    static final class Connection implements AutoCloseable {
        final Workspace ws;

        Connection(RedisTarget target, KeySchema schema, Map<String, String> env, boolean production, String name) {
            this.ws = Workspace.open(target, schema, DataDir.locate(env), ConfigDir.locate(env), name,
                    production, false); // remembered only after a write whose token was typed
        }

        @Override
        public void close() {
            ws.close();
        }
    }

    /** Base for commands: the root (for the environment), the output, the connection, confirmations. */
    abstract static class Base implements Callable<Integer> {
        @ParentCommand
        RootCommand root;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Output output() {
            return new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), root.options.json || root.options.pretty,
                    root.options.pretty, root.stdout);
        }

        /** The buffer a session id names, in whichever layout holds it (see {@link Workspace#locate}). */
        BufferRef buffer(Workspace ws, SessionId id) {
            return ws.locate(id);
        }

        Connection connect() {
            GlobalOptions o = root.options;
            BackendChoice choice = o.backend(root.env); // a usage error before connecting
            RedisTarget target = o.target(root.env);
            if (o.askPass) {
                target = target.withPassword(askPassword(target));
            }
            boolean production = o.production || o.profile(root.env).map(ConnectionProfile::production).orElse(false);
            Connection connection;
            try {
                connection = new Connection(target, o.schema(root.env), root.env, production,
                        o.profile != null ? o.profile : target.toString());
            } catch (RedisFailure e) {
                // the server wants a password none was given for: on a terminal, ask once (as redis-cli users expect)
                if (e.kind() != RedisFailure.Kind.AUTH || target.hasPassword()) {
                    throw e;
                }
                if (!root.terminal.interactive()) { // a script is told the CLI's ways, not the console's field
                    throw new RedisFailure(RedisFailure.Kind.AUTH, "authentication refused by " + target.address()
                            + ": it needs a password and none was given (set REDISCLI_AUTH, or --ask-pass on a terminal)", e);
                }
                target = target.withPassword(askPassword(target));
                connection = new Connection(target, o.schema(root.env), root.env, production,
                        o.profile != null ? o.profile : target.toString());
            }
            connection.ws.useBackend(choice);
            if (connection.ws.answersWithoutPassword()) {
                spec.commandLine().getErr().println("warning: a password was given, but " + connection.ws.target().address()
                        + " needs none: anyone who can reach it can read and change its data");
            }
            return connection;
        }

        /** Asks for the password on the terminal, not echoed; a usage error where there is none. */
        String askPassword(RedisTarget target) {
            if (!root.terminal.interactive()) {
                throw new Cli.UsageException("--ask-pass needs a terminal; in a script, set REDISCLI_AUTH instead");
            }
            String typed = root.terminal.askSecret("Password for " + target.address() + ": ");
            return typed == null ? "" : typed;
        }

        /**
         * How the CLI relays the door's question (the door decides it and checks the answer). A typed token
         * (production, or another server's backup) comes from {@code --confirm} or is typed on the terminal;
         * {@code --yes} never stands for it. A yes comes from {@code --yes} or a y/N on the terminal. Without a
         * terminal and without the option, the write is refused as a usage error.
         */
        Confirmer confirmer(boolean yes) {
            return (plan, question) -> {
                boolean typed = question.level() == Question.Level.TYPED;
                if (typed && root.options.confirm != null) {
                    return Optional.of(root.options.confirm);
                }
                if (!typed && yes) {
                    return Optional.of("yes");
                }
                if (!root.terminal.interactive()) {
                    throw new Cli.UsageException("refusing: " + plan.summary() + (typed
                            ? " needs the " + question.tokenName() + " typed" + (plan.foreignServer().isPresent() ? ""
                            : " (production)") + "; with no terminal to ask on, pass --confirm "
                            + Output.shellWord(question.token()) + (yes ? " (--yes is not enough)" : "")
                            : " needs confirmation; pass --yes (no terminal to ask on)"));
                }
                PrintWriter err = spec.commandLine().getErr();
                err.println(plan.preview());
                err.flush();
                if (typed) {
                    return Optional.ofNullable(root.terminal.ask((plan.foreignServer().isPresent() ? "ANOTHER SERVER'S BACKUP"
                            : "PRODUCTION") + ". Type the " + question.tokenName() + " to confirm ("
                            + Output.oneLine(question.token()) + "): "));
                }
                String answer = root.terminal.ask("Go ahead? [y/N] ");
                boolean go = answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
                return go ? Optional.of("yes") : Optional.empty();
            };
        }
    }
}
