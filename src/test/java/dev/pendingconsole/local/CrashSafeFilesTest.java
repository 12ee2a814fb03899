package dev.pendingconsole.local;

import dev.pendingconsole.core.RawPayload;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM writing backups and audit entries as fast as it can is killed with SIGKILL, several times, at
 * different moments. Every file under a backup's name reads back whole, half-written ones exist only as
 * hidden temp files that nothing lists, and the audit log keeps every whole entry and appends cleanly after
 * a torn one.
 */
@Tag("slow") // minutes of servers started, killed or put to sleep: mvn test -DexcludedGroups=slow skips them
class CrashSafeFilesTest {

    @TempDir
    Path dir;

    /** The process that gets killed: writes backups of 2,000 entries and audit lines in a loop. */
    public static final class Writer {
        public static void main(String[] args) throws IOException {
            Path backups = Path.of(args[0]);
            AuditLog audit = new AuditLog(Path.of(args[1]), "crash-test", "nowhere");
            byte[] key = "copilot:pending:crash".getBytes(StandardCharsets.UTF_8);
            List<BackupEntry> entries = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                entries.add(new BackupEntry(key, i, RawPayload.ofUtf8("{\"content\":\"entry " + i + " " + "x".repeat(200) + "\"}"),
                        Optional.empty(), Instant.now()));
            }
            Files.createDirectories(backups);
            for (int n = 0; ; n++) {
                BackupFile.write(backups.resolve("backup-" + ProcessHandle.current().pid() + "-" + n + ".jsonl"), entries, k -> Optional.of("crash"), new BackupOrigin("test", "", ""));
                audit.record("clear", List.of("copilot:pending:crash"), Map.of("n", (long) n), null, "done " + "y".repeat(500));
            }
        }
    }

    @Test
    void backupsAndTheAuditLogSurviveAWriterKilledMidWrite() throws Exception {
        Path backups = dir.resolve("backups");
        Path auditFile = dir.resolve("audit.jsonl");
        for (int round = 0; round < 3; round++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Writer.class.getName(), backups.toString(), auditFile.toString())
                    .redirectErrorStream(true).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int wanted = 3 * (round + 1);
            while (System.nanoTime() < deadline && count(backups) < wanted) {
                Thread.sleep(20);
            }
            Thread.sleep(7 + 13L * round); // somewhere inside the next write
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        List<Path> visible;
        try (Stream<Path> files = Files.list(backups)) {
            visible = files.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
        assertThat(visible).hasSizeGreaterThanOrEqualTo(9);
        for (Path file : visible) {
            assertThat(BackupFile.read(file).entries()).as("%s reads back whole", file.getFileName()).hasSize(2_000);
        }

        AuditLog audit = new AuditLog(auditFile, "after", "nowhere");
        int before = audit.tail(100_000).size();
        assertThat(before).isGreaterThanOrEqualTo(6);
        Files.write(auditFile, "{\"time\":\"2026-11-24T00:00:00Z\",\"action\":\"cle".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND); // a torn last line, as a crash mid-append leaves it
        audit.record("clear", List.of("k"), Map.of(), null, "done");
        List<String> after = audit.tail(100_000);
        assertThat(after).hasSize(before + 1);
        assertThat(after.get(after.size() - 1)).contains("\"profile\":\"after\"");
    }

    private static long count(Path backups) throws Exception {
        if (!Files.isDirectory(backups)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(backups)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsonl")
                    && !f.getFileName().toString().startsWith(".")).count();
        }
    }
}
