package dev.pendingconsole.local;

import dev.pendingconsole.core.BackendChoice;
import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PublishMode;
import dev.pendingconsole.core.RedisTarget;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileStoreTest {

    @TempDir
    Path dir;

    @Test
    void profilesRoundTripWithEverySetting() {
        ProfileStore store = new ProfileStore(dir.resolve("profiles.json"));
        ConnectionProfile prod = new ConnectionProfile("prod", "rediss://ops@redis.internal:6380/2", true, "/etc/ca.pem",
                RedisTarget.Mode.CLUSTER, KeySchema.SEED, true, true)
                .withSchema("chat:pending:", KeyLayout.HASH_TAG, 20, Duration.ofSeconds(600), "meta:", PublishMode.SPUBLISH)
                .withBackend(BackendChoice.CURRENT);
        store.save(List.of(prod, ConnectionProfile.of("local", "redis://127.0.0.1:6379")));
        ProfileStore.Loaded loaded = store.load();
        assertThat(loaded.problem()).isNull();
        assertThat(loaded.profiles()).containsExactly(prod, ConnectionProfile.of("local", "redis://127.0.0.1:6379"));
    }

    @Test
    void aPasswordIsNeverWritten() throws Exception {
        Path file = dir.resolve("profiles.json");
        new ProfileStore(file).save(List.of(ConnectionProfile.of("p", "redis://admin:hunter2-secret@host:6379")));
        String text = Files.readString(file);
        assertThat(text).doesNotContain("hunter2-secret").contains("redis://admin@host:6379");
        assertThat(ConnectionProfile.of("p", "redis://:only-pass@host:1").url()).isEqualTo("redis://host:1");
    }

    @Test
    void aCorruptFileGivesAClearMessageAndAFreshStart() throws Exception {
        Path file = dir.resolve("profiles.json");
        Files.writeString(file, "{\"profiles\": [ {\"name\": \"x\", \"url\": ");
        ProfileStore.Loaded loaded = new ProfileStore(file).load();
        assertThat(loaded.profiles()).isEmpty();
        assertThat(loaded.problem()).startsWith("The saved profiles could not be read").contains("fresh list");
        assertThat(file).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("profiles.json.unreadable-"));
        }
        Files.writeString(file, "[1,2,3]");
        assertThat(new ProfileStore(file).load().problem()).contains("no \"profiles\" list");
    }

    @Test
    void theTargetCarriesThePasswordOnlyInMemory() {
        ConnectionProfile p = ConnectionProfile.of("p", "redis://reader@127.0.0.1:6379");
        RedisTarget target = p.target("s3cr3t-pw", Duration.ofSeconds(1));
        assertThat(target.toString()).doesNotContain("s3cr3t-pw");
        assertThat(p.toString()).doesNotContain("s3cr3t-pw");
    }
}
