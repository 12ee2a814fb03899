package dev.pendingconsole.cli;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.BufferPage;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.Inspection;
import dev.pendingconsole.ops.SupportView;
import dev.pendingconsole.ops.TurnEnd;
import dev.pendingconsole.ops.Workspace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;

@Command(name = "peek",
        footer = {"", "Examples:", "  pending peek demo-unreadable-entries", "  pending peek demo-healthy-1 --limit 20 --offset 0 --json"}, description = "Show a session's entries without consuming them: raw bytes, validity, parsed fields and the model view.")
final class PeekCommand extends GlobalOptions.Base {

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id, used literally.")
    String session;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
            description = "How many entries (1.." + Workspace.MAX_PAGE + ", default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Index of the first entry (default 0).")
    long offset;

    @Override
    public Integer call() {
        SessionId id = GlobalOptions.session(session);
        if (limit < 1 || limit > Workspace.MAX_PAGE) {
            throw new Cli.UsageException("--limit must be 1.." + Workspace.MAX_PAGE + ", was " + limit);
        }
        if (offset < 0) {
            throw new Cli.UsageException("--offset must not be negative");
        }
        Output output = output();
        Inspection inspection;
        SupportView support;
        try (GlobalOptions.Connection redis = connect()) {
            BufferRef ref = buffer(redis.ws, id);
            inspection = redis.ws.inspect(ref, offset, limit);
            support = redis.ws.support(ref);
        }
        BufferPage page = inspection.page();
        if (output.json) {
            ObjectNode doc = output.object();
            doc.put("session", id.text());
            doc.put("key", inspection.ref().keyText(KeySchema.SEED));
            doc.put("generation", inspection.ref().generation().label());
            doc.put("length", page.length());
            doc.put("ttl_seconds", inspection.ttl().map(Duration::toSeconds).orElse(null));
            ArrayNode array = doc.putArray("entries");
            for (int i = 0; i < page.entries().size(); i++) {
                array.add(entryJson(output, page.indexOf(i), page.entries().get(i)));
            }
            supportJson(doc, support, output);
            output.print(doc);
            return Cli.OK;
        }
        if (page.length() == 0) {
            output.out.println("No pending messages for " + Output.oneLine(id.text()) + ".");
            printSupport(output, support);
            return Cli.OK;
        }
        output.out.println(Output.oneLine(id.text()) + ": " + page.length() + " pending; showing " + page.entries().size()
                + " from index " + page.offset() + ".");
        output.out.println("TTL " + Output.duration(inspection.ttl()) + ", last push " + inspection.lastPushText(false) + ", turn "
                + inspection.turn().map(t -> t.status() + (t.userId() == null ? "" : " (user " + t.userId() + ")"))
                .orElse("unknown (no metadata)") + ".");
        for (int i = 0; i < page.entries().size(); i++) {
            BufferEntry entry = page.entries().get(i);
            output.out.println();
            if (entry instanceof BufferEntry.Valid valid) {
                output.out.println("[" + page.indexOf(i) + "] valid, " + entry.raw().size() + " bytes");
                output.out.println(valid.message().modelView());
            } else {
                output.out.println("[" + page.indexOf(i) + "] INVALID, " + entry.raw().size() + " bytes: "
                        + ((BufferEntry.Invalid) entry).reason());
                output.out.println(shortened(entry.raw().lossyText()));
            }
        }
        printSupport(output, support);
        return Cli.OK;
    }

    /** The turn hash, the persist queue and the claims: whether a message got through. */
    private static void printSupport(Output output, SupportView support) {
        output.out.println();
        support.lines().forEach(output.out::println);
    }

    private static void supportJson(ObjectNode doc, SupportView support, Output output) {
        if (support.turn().isEmpty()) {
            doc.putNull("turn");
        } else {
            ObjectNode turn = doc.putObject("turn");
            support.turn().forEach(turn::put);
        }
        if (support.turnEnd().isEmpty()) {
            doc.putNull("turn_end"); // running, or no turn
        } else {
            TurnEnd end = support.turnEnd().get();
            ObjectNode e = doc.putObject("turn_end");
            e.put("stream_found", end.found());
            e.put("ended_at", end.endedAt().map(Instant::toString).orElse(null));
            e.put("error", end.error().orElse(null));
        }
        ObjectNode persist = doc.putObject("persist_queue");
        persist.put("key", support.persist().key());
        persist.put("length", support.persist().length());
        persist.put("ttl_seconds", support.persist().ttl().map(Duration::toSeconds).orElse(null));
        ArrayNode head = persist.putArray("entries");
        support.persist().head().forEach(e -> head.add(entryJson(output, -1, e).without("index")));
        ArrayNode claims = doc.putArray("claims");
        for (SupportView.Claim claim : support.claims()) {
            ObjectNode c = claims.addObject();
            c.put("message_id", claim.messageId());
            c.put("state", claim.accepted() ? "accepted" : claim.reservedBy().isPresent() ? "reserved" : "other");
            c.put("owner", claim.reservedBy().orElse(null));
            c.put("value", claim.value());
            c.put("ttl_seconds", claim.ttl().map(Duration::toSeconds).orElse(null));
        }
    }

    /** The most of one invalid entry's text a terminal gets; --json prints it all. */
    static final int SHOWN_CHARS = 2_000;

    static String shortened(String text) {
        return text.length() <= SHOWN_CHARS ? text
                : text.substring(0, SHOWN_CHARS) + "\u2026 (" + text.length() + " characters in all; --json prints them)";
    }

    private static ObjectNode entryJson(Output output, long index, BufferEntry entry) {
        ObjectNode node = output.object();
        node.put("index", index);
        node.put("raw", entry.raw().lossyText());
        node.put("raw_base64", entry.raw().base64());
        node.put("size", entry.raw().size());
        if (entry instanceof BufferEntry.Valid valid) {
            node.put("valid", true);
            node.putNull("error");
            node.set("message", Output.messageJson(valid));
            node.put("model_view", valid.message().modelView());
        } else {
            node.put("valid", false);
            node.put("error", ((BufferEntry.Invalid) entry).reason());
            node.putNull("message");
            node.putNull("model_view");
        }
        return node;
    }
}
