package dev.pendingconsole.cli;

import picocli.CommandLine.Option;

/** The idle threshold of the stuck rules, the same option on every command that judges buffers. */
final class IdleOption {

    @Option(names = "--idle-minutes", paramLabel = "N", defaultValue = "5",
            description = "A buffer with no push for longer than this and no running turn is idle, so stuck (default ${DEFAULT-VALUE}).")
    long minutes;

    /** The minutes, refused when negative. */
    long minutes() {
        if (minutes < 0) {
            throw new Cli.UsageException("--idle-minutes must not be negative");
        }
        return minutes;
    }
}
