package dev.pendingconsole.cli;

import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.devtools.LocalRedis;
import dev.pendingconsole.local.ConnectionProfile;
import dev.pendingconsole.local.ProfileStore;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passwords never leave memory: every command is run in a JVM of its own against a password-protected
 * server, with our own logging turned up to debug, and then every file the app wrote and everything it
 * printed is searched for the passwords (plain and URL-encoded) and for key material.
 */
@Tag("slow") // minutes of servers started, killed or put to sleep: mvn test -DexcludedGroups=slow skips them
class SecretsTest {

    @TempDir
    Path tmp;

    private static String secret(String prefix) {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return prefix + "%/@" + HexFormat.of().formatHex(b); // characters that need URL encoding, too
    }

    private record Ran(int code, String out, String err) {
    }

    private Ran java(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.log.dev.pendingconsole=debug",
                "-cp", System.getProperty("java.class.path"), "dev.pendingconsole.Main"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
        builder.environment().remove("REDIS_URL");
        builder.environment().put("PENDING_CONSOLE_HOME", tmp.resolve("home").toString());
        builder.environment().put("PENDING_CONSOLE_CONFIG", tmp.resolve("config").toString());
        Process p = builder.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void noPasswordReachesAFileALogOrAMessage() throws Exception {
        String password = secret("pw-");
        String userPassword = secret("upw-");
        try (LocalRedis server = LocalRedis.start(List.of("--requirepass", password))) {
            String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8);
            String url = "redis://:" + encoded + "@127.0.0.1:" + server.port();
            String userUrl = "redis://ops:" + URLEncoder.encode(userPassword, StandardCharsets.UTF_8) + "@127.0.0.1:" + server.port();
            assertThat(java(List.of("--url", url, "--json", "push", "secret-s", "--content", "hello")).code()).isZero();
            java(List.of("--url", url, "--json", "push", "secret-s", "--content", "again"));

            List<Ran> runs = new ArrayList<>();
            Path export = tmp.resolve("export.jsonl");
            for (List<String> args : List.of(
                    List.of("--url", url, "list"),
                    List.of("--url", url, "limits"),
                    List.of("--url", url, "peek", "secret-s"),
                    List.of("--url", url, "--json", "peek", "secret-s"),
                    List.of("--url", url, "count", "secret-s"),
                    List.of("--url", url, "export", "--out", export.toString()),
                    List.of("--url", url, "ttl", "secret-s", "600", "--yes"),
                    List.of("--url", url, "clear", "secret-s", "--yes"),
                    List.of("--url", url, "import", export.toString(), "--yes"),
                    List.of("--url", url, "drain", "secret-s"),
                    List.of("--url", url.replace(encoded, encoded + "x"), "count", "secret-s"),       // wrong password
                    List.of("--url", userUrl, "count", "secret-s"),                                  // unknown user
                    List.of("--url", url.replace("redis://", "rediss://"), "--timeout", "2", "count", "x"), // TLS to a plain port
                    List.of("--url", url, "--read-only", "push", "secret-s", "--content", "no"))) {
                runs.add(java(args));
            }
            assertThat(runs.get(10).err()).contains("wrong user name or password");
            assertThat(runs.get(11).err()).contains("wrong user name or password");
            assertThat(runs.get(12).err()).contains("TLS");

            // a profile saved from a URL with a password keeps the URL only
            new ProfileStore(tmp.resolve("config").resolve("profiles.json"))
                    .save(List.of(ConnectionProfile.of("prod", userUrl), ConnectionProfile.of("local", url)));
            assertThat(RedisTarget.parse(url).toString()).doesNotContain(password).doesNotContain(encoded);

            List<String> forbidden = List.of(password, encoded, userPassword,
                    URLEncoder.encode(userPassword, StandardCharsets.UTF_8), "PRIVATE KEY");
            for (Ran run : runs) {
                for (String f : forbidden) {
                    assertThat(run.out()).doesNotContain(f);
                    assertThat(run.err()).doesNotContain(f);
                }
            }
            List<Path> written;
            try (Stream<Path> files = Files.walk(tmp)) {
                written = files.filter(Files::isRegularFile).toList();
            }
            assertThat(written).as("the app wrote backups, an audit log, an export and profiles")
                    .anyMatch(f -> f.toString().endsWith("audit.jsonl"))
                    .anyMatch(f -> f.toString().contains("backups"))
                    .anyMatch(f -> f.getFileName().toString().equals("profiles.json"));
            for (Path file : written) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String f : forbidden) {
                    assertThat(content).as("%s must not contain a secret", file).doesNotContain(f);
                }
            }
        }
    }
}
