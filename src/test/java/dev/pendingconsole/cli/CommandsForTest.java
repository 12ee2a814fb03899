package dev.pendingconsole.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A command line builds only the commands it names; one naming none (help, a typo, the console) builds all. */
class CommandsForTest {

    @Test
    void aNamedCommandIsTheOnlyOneBuilt() {
        assertThat(Cli.commandsFor(new String[]{"--url", "redis://h:1", "count", "s-1"})).containsExactly(CountCommand.class);
        assertThat(Cli.commandsFor(new String[]{"peek", "list"})).containsExactly(ListCommand.class, PeekCommand.class);
        assertThat(Cli.commandsFor(new String[]{"push", "s", "--file-id", "a", "--file-id", "b"})).containsExactly(PushCommand.class);
    }

    @Test
    void aLineNamingNoCommandBuildsThemAll() {
        assertThat(Cli.commandsFor(new String[]{"--help"})).isEqualTo(RootCommand.COMMANDS);
        assertThat(Cli.commandsFor(new String[]{"cont", "s-1"})).isEqualTo(RootCommand.COMMANDS);
        assertThat(Cli.commandsFor(new String[0])).isEqualTo(RootCommand.COMMANDS);
    }
}
