package dev.pendingconsole.cli;

import dev.pendingconsole.core.BackendChoice;
import dev.pendingconsole.local.ConfigDir;
import dev.pendingconsole.local.ConnectionProfile;
import dev.pendingconsole.local.ProfileStore;

import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/** The console's saved connections, from the command line: list, add, remove. Touches no Redis. */
@Command(name = "profiles", description = "List the saved connection profiles the console uses; 'add NAME URL' (with --production,"
        + " --read-only, --backend) or 'remove NAME' edits them.",
        footer = {"", "Examples:", "  pending profiles", "  pending profiles add staging redis://staging:6379 --backend current",
                "  pending profiles add eu-prod rediss://prod-eu:6380 --production", "  pending --profile staging list --stuck",
                "  pending profiles remove staging"})
final class ProfilesCommand extends GlobalOptions.Base {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", description = "add or remove (none: list them).")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "The profile's name.")
    String name;

    @Parameters(index = "2", arity = "0..1", paramLabel = "URL", description = "With add: the Redis URL (a password in it is not saved).")
    String url;

    @Override
    public Integer call() {
        ProfileStore store = new ProfileStore(ConfigDir.locate(root.env).profiles());
        List<ConnectionProfile> saved = new ArrayList<>(store.load().profiles());
        Output output = output();
        if (action == null) {
            list(saved, output);
            return Cli.OK;
        }
        if (name == null) {
            throw new Cli.UsageException("profiles " + action + " needs a name");
        }
        switch (action) {
            case "add" -> {
                if (url == null) {
                    throw new Cli.UsageException("profiles add needs a name and a URL");
                }
                if (saved.stream().anyMatch(p -> p.name().equals(name))) {
                    throw new Cli.OperationFailed("a profile named '" + name + "' exists: remove it first");
                }
                ConnectionProfile added;
                try {
                    BackendChoice choice = root.options.backend(); // --backend, --production and --read-only are the global ones
                    added = ConnectionProfile.of(name, url).withBackend(choice);
                    added = new ConnectionProfile(added.name(), added.url(), true, null, added.mode(), added.schema(),
                            root.options.readOnly, root.options.production, choice, 0);
                } catch (IllegalArgumentException e) {
                    throw new Cli.UsageException(e.getMessage());
                }
                saved.add(added);
                store.save(saved);
                output.out.println("Saved " + name + ": " + added.url() + describe(added) + ".");
            }
            case "remove" -> {
                if (!saved.removeIf(p -> p.name().equals(name))) {
                    throw new Cli.OperationFailed("no saved profile '" + name + "': nothing to remove");
                }
                store.save(saved);
                output.out.println("Removed " + name + ".");
            }
            default -> throw new Cli.UsageException("profiles takes add or remove, not '" + action + "'");
        }
        return Cli.OK;
    }

    private static void list(List<ConnectionProfile> saved, Output output) {
        if (output.json) {
            ArrayNode array = output.array();
            saved.forEach(p -> array.addObject().put("name", p.name()).put("url", p.url()).put("production", p.production())
                    .put("read_only", p.readOnly()).put("backend", p.backend().label()));
            output.print(array);
        } else if (saved.isEmpty()) {
            output.out.println("No saved profiles ('pending profiles add NAME URL' saves one; so does the console).");
        } else {
            saved.forEach(p -> output.out.println(p.name() + "  " + p.url() + describe(p)));
        }
    }

    private static String describe(ConnectionProfile p) {
        return (p.production() ? "  production" : "") + (p.readOnly() ? "  read-only" : "")
                + (p.backend() == BackendChoice.AUTO ? "" : "  backend " + p.backend().label());
    }
}
