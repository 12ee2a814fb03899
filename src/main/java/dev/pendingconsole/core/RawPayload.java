package dev.pendingconsole.core;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The exact bytes of one list entry as Redis stores them. Nothing in the console rewrites them: exports,
 * backups and restores carry these bytes, so unknown fields and odd encodings survive untouched.
 */
public final class RawPayload {

    private final byte[] bytes;

    private RawPayload(byte[] bytes) {
        this.bytes = bytes;
    }

    public static RawPayload of(byte[] bytes) {
        return new RawPayload(bytes.clone());
    }

    public static RawPayload ofUtf8(String text) {
        return new RawPayload(text.getBytes(StandardCharsets.UTF_8));
    }

    public static RawPayload ofBase64(String base64) {
        return new RawPayload(Base64.getDecoder().decode(base64));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** The text, when the bytes are valid UTF-8; empty otherwise. */
    public Optional<String> utf8() {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** For display only: invalid sequences become U+FFFD. Never write this back. */
    public String lossyText() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Direct access for the Redis layer, which must not copy large values twice. */
    byte[] unsafeBytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawPayload other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "RawPayload[" + bytes.length + " bytes]";
    }
}
