package dev.pendingconsole.cli;

import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.local.ConfigDir;
import dev.pendingconsole.local.ProductionServers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The servers remembered as production: list them, mark one, forget one. Touches no Redis. */
@Command(name = "servers", description = "List the servers remembered as production; 'mark URL' or 'forget URL' changes that.",
        footer = {"", "Examples:", "  pending servers", "  pending servers mark redis://prod-1:6379",
                "  pending servers forget redis://prod-1:6379"})
final class ServersCommand extends GlobalOptions.Base {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", description = "mark or forget (none: list them).")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "URL", description = "The server's Redis URL (a password in it is ignored).")
    String url;

    @Override
    public Integer call() {
        ProductionServers servers = new ProductionServers(ConfigDir.locate(root.env));
        Output output = output();
        if (action == null) {
            if (output.json) {
                ArrayNode array = output.array();
                servers.list().forEach(array::add);
                output.print(array);
            } else if (servers.list().isEmpty()) {
                output.out.println("No server is remembered as production (" + servers.file() + ").");
            } else {
                servers.list().forEach(output.out::println);
            }
            return Cli.OK;
        }
        if (url == null) {
            throw new Cli.UsageException("servers " + action + " needs the server's URL");
        }
        RedisTarget target;
        try {
            target = RedisTarget.parse(url);
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException(e.getMessage());
        }
        switch (action) {
            case "mark" -> {
                servers.mark(target);
                output.out.println(target + " is production: every write there needs its token typed.");
            }
            case "forget" -> {
                if (!servers.forget(target)) {
                    throw new Cli.OperationFailed(target + " was not remembered as production: nothing to forget");
                }
                output.out.println(target + " is no longer remembered as production.");
            }
            default -> throw new Cli.UsageException("servers takes mark or forget, not '" + action + "'");
        }
        return Cli.OK;
    }
}
