package dev.pendingconsole.cli;

import java.io.Console;

/** Where a destructive command asks for confirmation: a real terminal, or none (then it refuses). */
public interface Terminal {

    /** Whether a person can answer. */
    boolean interactive();

    /** Shows the prompt and reads one line; null at end of input. */
    String ask(String prompt);

    /** As {@link #ask}, without echoing what is typed (a password). */
    default String askSecret(String prompt) {
        return ask(prompt);
    }

    /** The process's console, when it has one. */
    static Terminal system() {
        Console console = System.console();
        return new Terminal() {
            @Override
            public boolean interactive() {
                return console != null;
            }

            @Override
            public String ask(String prompt) {
                return console == null ? null : console.readLine("%s", prompt);
            }

            @Override
            public String askSecret(String prompt) {
                char[] typed = console == null ? null : console.readPassword("%s", prompt);
                return typed == null ? null : new String(typed);
            }
        };
    }

    /** No terminal: every confirmation is refused unless --yes was given. */
    Terminal NONE = new Terminal() {
        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public String ask(String prompt) {
            return null;
        }
    };
}
