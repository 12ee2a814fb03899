package dev.pendingconsole.ops.write;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.local.AuditLog;
import dev.pendingconsole.local.BackupEntry;
import dev.pendingconsole.local.BackupFile;
import dev.pendingconsole.local.BackupOrigin;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.Inspection;
import dev.pendingconsole.ops.Operations;
import dev.pendingconsole.ops.SessionScan;
import dev.pendingconsole.redis.Commands;
import dev.pendingconsole.redis.LuaScript;
import dev.pendingconsole.redis.RedisGateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a write needs and nothing outside this package may use: the gateway's write side, the backup
 * folder and the audit log, and the small steps every kind shares (a backup written under an
 * "unconfirmed" name until the script says what it removed, an audit line, a failure that says whether
 * anything changed). Package-private: a write reaches Redis only as a {@link Write} run by the door.
 */
final class Writes {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String UNCONFIRMED = ".unconfirmed.jsonl";

    final RedisGateway redis;
    final Operations reads;
    final KeySchema schema;
    final AuditLog audit;
    private final DataDir data;

    Writes(RedisGateway redis, Operations reads, DataDir data) {
        this.redis = redis;
        this.reads = reads;
        this.schema = reads.schema();
        this.audit = reads.audit();
        this.data = data;
    }

    BackupOrigin origin() {
        return reads.origin();
    }

    // ------------------------------------------------------------------ Redis

    /** Runs a script: the audit log's folder is made first, since a write whose audit cannot be written must not run. */
    List<Long> script(String action, LuaScript script, byte[][] keys, byte[]... args) {
        audit.prepare();
        return redis.script(action, script, keys, args);
    }

    <T> T write(String action, Function<Commands, T> call) {
        audit.prepare();
        return redis.write(action, call);
    }

    Optional<Duration> ttl(byte[] key) {
        return SessionScan.ttlOf(redis.read(r -> r.pttl(key)));
    }

    // ------------------------------------------------------------------ backups

    /** The entries {@code seen} showed, as backup lines (their indices, the TTL read with them). */
    List<BackupEntry> entriesOf(Inspection seen) {
        byte[] key = seen.ref().key(schema);
        Instant now = Instant.now();
        List<BackupEntry> entries = new ArrayList<>();
        for (int i = 0; i < seen.page().entries().size(); i++) {
            entries.add(new BackupEntry(key, seen.page().indexOf(i), seen.page().entries().get(i).raw(), seen.ttl(), now));
        }
        return entries;
    }

    /** Writes {@code entries} under an "unconfirmed" name: the removal they stand for has not happened yet. */
    Path backup(String action, String what, List<BackupEntry> entries) {
        return BackupFile.write(unconfirmed(backupPath(action, what)), entries, this::sessionOf, origin());
    }

    Path backupPath(String action, String what) {
        String safe = what.replaceAll("[^A-Za-z0-9._-]", "_");
        safe = safe.length() > 60 ? safe.substring(0, 60) : safe;
        String suffix = HexFormat.of().formatHex(randomBytes()).substring(0, 6);
        return data.backups().resolve(STAMP.format(Instant.now()) + "-" + action + "-" + safe + "-" + suffix + ".jsonl");
    }

    private Optional<String> sessionOf(byte[] key) {
        return BufferRef.fromKey(schema, key).map(ref -> ref.session().text());
    }

    static Path unconfirmed(Path backup) {
        String name = backup.getFileName().toString();
        return backup.resolveSibling(name.substring(0, name.length() - ".jsonl".length()) + UNCONFIRMED);
    }

    static boolean isUnconfirmed(Path file) {
        return file.getFileName().toString().endsWith(UNCONFIRMED);
    }

    /** The removal happened: the backup loses its "unconfirmed" name (an atomic rename). */
    static Path confirmed(Path file) {
        if (file == null || !isUnconfirmed(file)) {
            return file;
        }
        String name = file.getFileName().toString();
        Path done = file.resolveSibling(name.substring(0, name.length() - UNCONFIRMED.length()) + ".jsonl");
        try {
            return Files.move(file, done, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return file; // still a whole backup, under the longer name
        }
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover file is harmless: the audit log records that nothing was removed
        }
    }

    // ------------------------------------------------------------------ audit and failures

    void record(String action, BufferRef ref, Map<String, Long> counts, Path backup, String outcome) {
        audit.record(action, List.of(ref.keyText(schema)), counts, backup, outcome);
    }

    /**
     * A removal that failed: if it surely did not happen, its backup goes (and the audit line names none);
     * if its reply was lost, the backup stays under its "unconfirmed" name and the message says how to tell.
     */
    RedisFailure cutOff(RedisFailure e, String action, BufferRef ref, Map<String, Long> counts, Path backup) {
        boolean unknown = e.kind() == RedisFailure.Kind.OUTCOME_UNKNOWN;
        if (!unknown) {
            deleteQuietly(backup); // nothing was removed: a file of the entries would only mislead
        }
        record(action, ref, counts, unknown ? backup : null, unknown ? "outcome unknown" : "failed: " + e.getMessage());
        if (!unknown || backup == null) {
            return e;
        }
        return new RedisFailure(e.kind(), e.getMessage() + " The backup " + backup + " holds the entries: if they"
                + " are no longer in the buffer, it is their only copy (restore it); if they still are, nothing"
                + " was removed (restore refuses it then; delete it).", e);
    }

    // ------------------------------------------------------------------ small values

    static byte[] tombstone() {
        return ("pending-console:tombstone:" + HexFormat.of().formatHex(randomBytes())).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    static byte[] ascii(long n) {
        return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
    }
}
