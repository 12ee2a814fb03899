package dev.pendingconsole.core;

import java.util.Locale;
import java.util.Optional;

/**
 * Which backend a connection speaks, as an operator sets it ({@code --backend}, or a profile): one
 * generation, or {@link #AUTO}: each buffer by its own key layout, and for a session that has no buffer
 * yet, {@code current} when the server is a cluster or holds any hash-tagged buffer or turn hash.
 */
public enum BackendChoice {
    AUTO, SEED, CURRENT;

    /** The generation chosen, or empty for {@link #AUTO}. */
    public Optional<BackendGeneration> generation() {
        return switch (this) {
            case AUTO -> Optional.empty();
            case SEED -> Optional.of(BackendGeneration.SEED);
            case CURRENT -> Optional.of(BackendGeneration.CURRENT);
        };
    }

    /** "auto", "seed" or "current", as the CLI and profiles write it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a label (any case); the error lists what is accepted. */
    public static BackendChoice parse(String text) {
        String t = text == null ? "auto" : text.trim().toLowerCase(Locale.ROOT);
        for (BackendChoice c : values()) {
            if (c.label().equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("the backend is seed, current or auto, not '" + text + "'");
    }
}
