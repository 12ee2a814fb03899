package dev.pendingconsole.core;

import java.util.List;
import java.util.Objects;

/**
 * A message a user queues for an in-flight turn, as the backends' endpoints accept it. Construction
 * validates the limits both generations share (lengths count Unicode code points, as Python does) and
 * content up to today's 32,000; the seed's lower content limit, and whether a payload may carry
 * {@code metadata}, are the generation's to say ({@link BackendGeneration#check}), which every push does.
 * {@code metadata} is null, or a JSON object written compactly as pydantic writes it (today's backend sets
 * it only from internal callers).
 */
public record PendingMessage(String content, List<String> fileIds, PendingMessageContext context, String metadata) {

    /** The seed's content limit. */
    public static final int MAX_CONTENT = 16_000;
    /** Today's content limit: no backend accepts more. */
    public static final int MAX_CONTENT_CURRENT = 32_000;
    public static final int MAX_FILE_IDS = 20;
    public static final int MAX_CONTEXT_URL = 2_000;
    public static final int MAX_CONTEXT_CONTENT = 32_000;

    public PendingMessage {
        Objects.requireNonNull(content, "content");
        fileIds = List.copyOf(Objects.requireNonNull(fileIds, "file_ids"));
        checkText("content", content);
        int length = content.codePointCount(0, content.length());
        if (length < 1) {
            throw new InvalidMessageException("content", "content must not be empty");
        }
        checkContentLength(length, MAX_CONTENT_CURRENT);
        if (fileIds.size() > MAX_FILE_IDS) {
            throw new InvalidMessageException("file_ids",
                    "file_ids has " + fileIds.size() + " entries; the limit is " + MAX_FILE_IDS);
        }
        for (String id : fileIds) {
            checkText("file_ids", id);
        }
        if (context != null) {
            checkLimit("context.url", context.url(), MAX_CONTEXT_URL);
            checkLimit("context.content", context.content(), MAX_CONTEXT_CONTENT);
        }
        if (metadata != null) {
            metadata = MessageCodec.compactObject(metadata, "metadata");
        }
    }

    public PendingMessage(String content, List<String> fileIds, PendingMessageContext context) {
        this(content, fileIds, context, null);
    }

    /** The same message with this metadata (a JSON object's text, or null). */
    public PendingMessage withMetadata(String metadataJson) {
        return new PendingMessage(content, fileIds, context, metadataJson);
    }

    /** Content length in characters, as Python counts them. */
    public int contentLength() {
        return content.codePointCount(0, content.length());
    }

    static void checkContentLength(int length, int limit) {
        if (length > limit) {
            throw new InvalidMessageException("content", "content has " + length + " characters; the limit is " + limit);
        }
    }

    public static PendingMessage of(String content) {
        return new PendingMessage(content, List.of(), null);
    }

    /** What the model sees when the backend drains this message. */
    public String modelView() {
        return ModelView.format(content, fileIds, context);
    }

    private static void checkLimit(String field, String value, int limit) {
        if (value == null) {
            return;
        }
        checkText(field, value);
        int length = value.codePointCount(0, value.length());
        if (length > limit) {
            throw new InvalidMessageException(field,
                    field + " has " + length + " characters; the limit is " + limit);
        }
    }

    /** Lone surrogates cannot be written as UTF-8; pydantic refuses them too. */
    private static void checkText(String field, String value) {
        if (value == null) {
            throw new InvalidMessageException(field, field + " must not be null");
        }
        int bad = Text.loneSurrogateIndex(value);
        if (bad >= 0) {
            throw new InvalidMessageException(field, String.format(
                    "%s holds a lone surrogate U+%04X at index %d, which is not valid Unicode",
                    field, (int) value.charAt(bad), bad));
        }
    }
}
