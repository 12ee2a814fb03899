package dev.pendingconsole.cli;

import dev.pendingconsole.local.BackupEntry;
import dev.pendingconsole.local.BackupFile;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.ops.Workspace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The backups in the data folder, newest first: when, which server, what action, which sessions, how many entries. */
@Command(name = "backups", description = "List the backups this machine wrote, newest first; 'pending import FILE' restores one.",
        footer = {"", "Examples:", "  pending backups", "  pending --json backups"})
final class BackupsCommand extends GlobalOptions.Base {

    @Override
    public Integer call() throws IOException {
        Path dir = DataDir.locate(root.env).root().resolve("backups"); // DataDir.backups() would make the folder
        List<Path> files;
        if (!Files.isDirectory(dir)) {
            files = List.of();
        } else {
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted((a, b) -> b.compareTo(a)).toList();
            }
        }
        Output output = output();
        ArrayNode array = output.json ? output.array() : null;
        if (files.isEmpty() && array == null) {
            output.out.println("No backups in " + dir + ".");
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            ObjectNode row = array != null ? array.addObject() : JsonNodeFactory.instance.objectNode();
            row.put("file", file.toString());
            row.put("time", name.split("-", 2)[0]);
            row.put("action", name.contains("-") ? name.substring(name.indexOf('-') + 1).replaceAll("-[0-9a-f]{6}(\\.unconfirmed)?\\.jsonl$", "") : name);
            row.put("unconfirmed", name.endsWith(".unconfirmed.jsonl"));
            try {
                BackupFile.Contents contents = BackupFile.read(file);
                row.put("server", contents.origin().map(o -> o.address()).orElse(null));
                row.put("entries", contents.entries().size());
                ArrayNode sessions = row.putArray("keys");
                new TreeSet<>(contents.entries().stream().map(BackupEntry::keyText).toList()).forEach(sessions::add);
            } catch (RuntimeException e) {
                row.put("unreadable", e.getMessage());
            }
            if (array == null) {
                output.out.println(row.path("time").asText() + "  " + row.path("action").asText() + "  "
                        + (row.has("unreadable") ? "unreadable: " + row.path("unreadable").asText()
                        : Workspace.entries(row.path("entries").asInt()) + " from " + row.path("server").asText("?") + ", "
                        + Workspace.count(row.path("keys").size(), "buffer", "buffers"))
                        + (row.path("unconfirmed").asBoolean() ? "  (unconfirmed)" : "") + "  " + file);
            }
        }
        if (array != null) {
            output.print(array);
        }
        return Cli.OK;
    }
}
