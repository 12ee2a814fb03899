package dev.pendingconsole.core;

import java.util.List;
import java.util.Objects;

/**
 * A message a user queues for an in-flight turn, as the backend's endpoint accepts it. Construction
 * validates exactly the endpoint's limits (lengths count Unicode code points, as Python does), so an
 * instance can always be pushed; {@link MessageCodec#encode} gives its exact wire bytes.
 */
public record PendingMessage(String content, List<String> fileIds, PendingMessageContext context) {

    public static final int MAX_CONTENT = 16_000;
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
        if (length > MAX_CONTENT) {
            throw new InvalidMessageException("content",
                    "content has " + length + " characters; the limit is " + MAX_CONTENT);
        }
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
