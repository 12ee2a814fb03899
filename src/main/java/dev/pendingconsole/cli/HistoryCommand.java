package dev.pendingconsole.cli;

import dev.pendingconsole.local.DataDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A session's history: the audit lines of every write on its buffer made from this machine. Touches no Redis. */
@Command(name = "history", description = "Show what was done to a session's buffer from this machine: who, when, what, where.",
        footer = {"", "Examples:", "  pending history demo-healthy-1", "  pending --json history demo-healthy-1"})
final class HistoryCommand extends GlobalOptions.Base {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id, used literally.")
    String session;

    @Override
    public Integer call() throws IOException {
        GlobalOptions.session(session); // a usage error for an id the backend would refuse
        Path log = DataDir.locate(root.env).auditLog();
        List<JsonNode> lines = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                JsonNode node = readOrNull(line);
                if (node != null && names(node, session)) {
                    lines.add(node);
                }
            }
        } catch (NoSuchFileException e) {
            // no write was ever made here: an empty history
        }
        Output output = output();
        if (output.json) {
            ArrayNode array = output.array();
            lines.forEach(array::add);
            output.print(array);
            return Cli.OK;
        }
        if (lines.isEmpty()) {
            output.out.println("No write on " + Output.oneLine(session) + " was made from this machine (" + log + ").");
            return Cli.OK;
        }
        for (JsonNode l : lines) {
            output.out.println(l.path("time").asText() + "  " + l.path("os_user").asText() + "@" + l.path("host").asText("?")
                    + "  " + l.path("server").asText() + "  " + l.path("action").asText() + "  " + counts(l.path("counts"))
                    + "  " + l.path("outcome").asText() + (l.path("backup").isTextual() ? "  backup " + l.path("backup").asText() : ""));
        }
        return Cli.OK;
    }

    private static JsonNode readOrNull(String line) {
        try {
            return line.isBlank() ? null : JSON.readTree(line);
        } catch (IOException e) {
            return null; // a line torn by a crash
        }
    }

    /** Whether the line's keys name this session's buffer, in either layout. */
    private static boolean names(JsonNode line, String session) {
        for (JsonNode key : line.path("keys")) {
            String k = key.asText();
            if (k.endsWith(":" + session) || k.endsWith(":{" + session + "}")) {
                return true;
            }
        }
        return false;
    }

    private static String counts(JsonNode counts) {
        StringBuilder out = new StringBuilder();
        for (Iterator<String> names = counts.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            out.append(out.length() == 0 ? "" : " ").append(name).append('=').append(counts.get(name).asText());
        }
        return out.length() == 0 ? "-" : out.toString();
    }
}
