package dev.pendingconsole.cli;

import dev.pendingconsole.local.BackupCatalog;
import dev.pendingconsole.local.BackupOrigin;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.ops.Workspace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;

import java.util.List;

/** The backups in the data folder, newest first: when, which server, what action, which sessions, how many entries. */
@Command(name = "backups", description = "List the backups this machine wrote, newest first; 'pending import FILE' restores one.",
        footer = {"", "Examples:", "  pending backups", "  pending --json backups"})
final class BackupsCommand extends GlobalOptions.Base {

    @Override
    public Integer call() {
        DataDir data = DataDir.locate(root.env);
        List<BackupCatalog.Listed> backups = BackupCatalog.list(data);
        Output output = output();
        if (!output.json) {
            if (backups.isEmpty()) {
                output.out.println("No backups in " + BackupCatalog.folder(data) + ".");
            }
            backups.forEach(b -> output.out.println(line(b)));
            return Cli.OK;
        }
        ArrayNode array = output.array();
        for (BackupCatalog.Listed b : backups) {
            ObjectNode row = array.addObject();
            row.put("file", b.file().toString());
            row.put("time", b.stamp());
            row.put("action", b.action());
            row.put("unconfirmed", b.unconfirmed());
            if (b.unreadable().isPresent()) {
                row.put("unreadable", b.unreadable().get());
                continue;
            }
            row.put("server", b.origin().map(BackupOrigin::address).orElse(null));
            row.put("entries", b.entries());
            b.keys().forEach(row.putArray("keys")::add);
        }
        output.print(array);
        return Cli.OK;
    }

    private static String line(BackupCatalog.Listed b) {
        String what = b.unreadable().map(why -> "unreadable: " + why)
                .orElseGet(() -> Workspace.entries(b.entries()) + " from " + b.origin().map(BackupOrigin::address).orElse("?")
                        + ", " + Workspace.count(b.keys().size(), "buffer", "buffers"));
        return b.stamp() + "  " + b.action() + "  " + what + (b.unconfirmed() ? "  (unconfirmed)" : "") + "  " + b.file();
    }
}
