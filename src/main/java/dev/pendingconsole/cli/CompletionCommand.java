package dev.pendingconsole.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Prints a shell completion script, made by picocli from the commands and options themselves. */
@Command(name = "completion", description = "Print a completion script for bash or zsh: commands, options and their values.",
        footer = {"", "Examples:", "  pending completion bash > ~/.local/share/bash-completion/completions/pending",
                "  source <(pending completion bash)                  # this shell only",
                "  pending completion zsh > \"${fpath[1]}/_pending\"      # zsh (it runs the bash script through bashcompinit)"})
final class CompletionCommand extends GlobalOptions.Base {

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new Cli.UsageException("completion takes bash or zsh, not '" + shell + "'");
        }
        String script = AutoComplete.bash("pending", spec.root().commandLine());
        Output output = output();
        if (shell.equals("zsh")) {
            output.out.println("#compdef pending");
            output.out.println("autoload -U +X bashcompinit && bashcompinit");
        }
        output.out.print(script);
        output.out.flush();
        return Cli.OK;
    }
}
