package dev.pendingconsole.core;

/** A message that the backend's endpoint would refuse; {@link #field()} names the offending field. */
public final class InvalidMessageException extends IllegalArgumentException {

    private final String field;

    public InvalidMessageException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field as the endpoint names it: {@code content}, {@code file_ids}, {@code context.url}, ... */
    public String field() {
        return field;
    }
}
