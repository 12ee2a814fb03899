package dev.pendingconsole.cli;

import picocli.CommandLine.Option;

/** The options every destructive command shares. */
final class SafetyOptions {

    @Option(names = "--no-backup", description = "Do not write a backup first.")
    boolean noBackup;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed without a terminal).")
    boolean yes;
}
