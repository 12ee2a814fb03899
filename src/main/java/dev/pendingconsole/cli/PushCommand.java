package dev.pendingconsole.cli;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.MessageCodec;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.PendingMessageContext;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.core.StoredMessage;
import dev.pendingconsole.ops.PushOutcome;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ops.write.Push;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "push",
        footer = {"", "Examples:", "  pending push demo-healthy-1 --content \"also check the logs\"", "  pending push demo-healthy-1 --message-json message.json", "  echo '{\"content\":\"hi\"}' | pending push s-1 --message-json -"}, description = {"Queue a message for a session exactly as the backend's endpoint does.", "Same validation, same atomic script (cap and TTL), same notify: on a full buffer the oldest"
            + " entries are evicted, as the endpoint does, after a backup of them (said on stderr). On"
            + " production every push needs the session id typed (--confirm SESSION in scripts). Every push"
            + " is audited."})
final class PushCommand extends GlobalOptions.Base {

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id, used literally.")
    String session;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--content", paramLabel = "TEXT", description = "The message text.")
        String content;

        @Option(names = "--content-file", paramLabel = "PATH", description = "Read the message text (UTF-8, exact) from a file.")
        Path contentFile;

        @Option(names = "--message-json", paramLabel = "PATH|-",
                description = "Read a whole message {content, file_ids, context} as JSON from a file, or - for stdin.")
        String messageJson;
    }

    @Option(names = "--file-id", paramLabel = "ID", description = "Attach a workspace file id (repeatable, at most 20).")
    List<String> fileIds = new ArrayList<>();

    @Option(names = "--page-url", paramLabel = "URL", description = "The page the user was on.")
    String pageUrl;

    @Option(names = "--page-content", paramLabel = "TEXT", description = "Text of that page.")
    String pageContent;

    @Option(names = "--metadata-json", paramLabel = "JSON", description = "The payload's metadata, a JSON object (current backend only; today's backend sets it only from"
            + " internal callers). Default: null.")
    String metadataJson;

    @Option(names = {"-y", "--yes"}, description = "Answer yes where a push asks (it asks nothing off production; on production it needs --confirm).")
    boolean yes;

    @Option(names = "--only-if-running", description = "Push only while the session's turn is running, as today's HTTP route does (one script over the"
            + " turn hash and the buffer); otherwise nothing is pushed, exit 1.")
    boolean onlyIfRunning;

    @Override
    public Integer call() throws IOException {
        SessionId id = GlobalOptions.session(session);
        PendingMessage message = metadataJson == null ? message() : message().withMetadata(metadataJson);
        Output output = output();
        try (GlobalOptions.Connection redis = connect()) {
            Workspace ws = redis.ws;
            PushOutcome result = ws.write(Push.once(buffer(ws, id), message, onlyIfRunning), confirmer(yes));
            if (result.status() == PushOutcome.Status.NO_RUNNING_TURN) {
                throw new Cli.OperationFailed("no running turn for " + Output.oneLine(id.text()) + ": nothing pushed");
            }
            if (result.status() == PushOutcome.Status.CHANGED) {
                throw new Cli.OperationFailed(Output.oneLine(id.text()) + " changed between reading it and pushing"
                        + " (a push or drain landed meanwhile); nothing was pushed; run again");
            }
            int cap = ws.schema().cap();
            if (output.json) {
                output.print(output.object()
                        .put("buffer_length", result.length())
                        .put("max_buffer_length", cap)
                        .put("evicted", result.evicted())
                        .put("backup", result.backup().map(Object::toString).orElse(null)));
            } else {
                output.out.println("Queued for " + id + ": " + result.length() + " of " + cap + " pending.");
            }
            if (result.evicted() > 0) { // the endpoint evicts silently; a script's operator learns it here
                output.err.println("evicted " + result.evicted() + " (the oldest; the buffer was full): backup "
                        + result.backup().map(Object::toString).orElse("none"));
            }
        }
        return Cli.OK;
    }

    private PendingMessage message() throws IOException {
        if (source.messageJson != null) {
            if (!fileIds.isEmpty() || pageUrl != null || pageContent != null) {
                throw new Cli.UsageException("--file-id, --page-url and --page-content go with --content or "
                        + "--content-file; put them inside the --message-json document instead");
            }
            return fromJson(readInput(source.messageJson), output().err);
        }
        String content = source.content != null ? source.content : strictUtf8(Files.readAllBytes(source.contentFile),
                source.contentFile.toString());
        PendingMessageContext context = pageUrl == null && pageContent == null ? null
                : new PendingMessageContext(pageUrl, pageContent);
        return new PendingMessage(content, fileIds, context);
    }

    /** The message a JSON document holds; fields the backend's model does not know are left out, as it does, and said. */
    private static PendingMessage fromJson(byte[] bytes, PrintWriter err) {
        // the widest limit here; the target's generation checks its own when the push is planned
        BufferEntry entry = new MessageCodec(PendingMessage.MAX_CONTENT_CURRENT).decode(bytes);
        if (entry instanceof BufferEntry.Invalid invalid) {
            throw new Cli.UsageException("the message JSON is not a valid message: " + invalid.reason());
        }
        StoredMessage stored = ((BufferEntry.Valid) entry).message();
        if (!stored.unknownFields().isEmpty()) { // pydantic's model ignores extra fields; so does the push
            err.println("warning: left out of the message, as the backend's model ignores them: "
                    + String.join(", ", stored.unknownFields().keySet()) + " (it reads content, file_ids, context)");
        }
        return new PendingMessage(stored.content(), stored.fileIds(), stored.context());
    }

    private static byte[] readInput(String where) throws IOException {
        if (where.equals("-")) {
            InputStream in = System.in;
            return in.readAllBytes();
        }
        return Files.readAllBytes(Path.of(where));
    }

    private static String strictUtf8(byte[] bytes, String where) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Cli.UsageException(where + " is not valid UTF-8 text");
        }
    }
}
