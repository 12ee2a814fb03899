package dev.pendingconsole.ops;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.PendingMessageContext;
import dev.pendingconsole.core.StoredMessage;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A search inside pending messages: a case-insensitive substring, or a regular expression, looked for in
 * an entry's content, its page URL and page text, and its file ids; in an entry the backend cannot read,
 * in its bytes as text. Thread-safe.
 */
public final class MessageMatch {

    private final String text;
    private final String lower;
    private final Pattern pattern;

    private MessageMatch(String text, Pattern pattern) {
        this.text = text;
        this.lower = text.toLowerCase(Locale.ROOT);
        this.pattern = pattern;
    }

    /** A substring, any case. */
    public static MessageMatch substring(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("the text to search for is empty");
        }
        return new MessageMatch(text, null);
    }

    /** A regular expression (Java syntax), any case; a malformed one is an error that says where. */
    public static MessageMatch regex(String expression) {
        try {
            return new MessageMatch(expression, Pattern.compile(expression, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a valid regular expression: " + e.getDescription() + " near index "
                    + e.getIndex() + " of '" + expression + "'");
        }
    }

    /** What is searched for, as given. */
    public String text() {
        return text;
    }

    public boolean test(BufferEntry entry) {
        if (entry instanceof BufferEntry.Valid valid) {
            StoredMessage m = valid.message();
            if (in(m.content())) {
                return true;
            }
            PendingMessageContext context = m.context();
            if (context != null && (in(context.url()) || in(context.content()))) {
                return true;
            }
            for (String id : m.fileIds()) {
                if (in(id)) {
                    return true;
                }
            }
            return false;
        }
        return in(new String(entry.raw().bytes(), StandardCharsets.UTF_8));
    }

    private boolean in(String value) {
        if (value == null) {
            return false;
        }
        return pattern != null ? pattern.matcher(value).find() : value.toLowerCase(Locale.ROOT).contains(lower);
    }
}
