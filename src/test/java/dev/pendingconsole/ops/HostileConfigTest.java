package dev.pendingconsole.ops;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.devtools.LocalRedis;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.support.CliRun;
import dev.pendingconsole.support.Door;

import io.lettuce.core.AclCategory;
import io.lettuce.core.AclSetuserArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Servers set up against us: unknown users, TLS with a private CA, a replica, no Lua permission. Each
 * gets a clear {@link RedisFailure} naming the problem, never a stack trace, and no data changes.
 */
class HostileConfigTest {

    private static final SessionId SESSION = SessionId.of("hostile");

    @TempDir
    Path home;

    private static RedisFailure.Kind kindOf(Throwable e) {
        return ((RedisFailure) e).kind();
    }

    private static Path tls(String file) {
        try {
            return Path.of(HostileConfigTest.class.getResource("/tls/" + file).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void anUnknownAclUserIsRefusedAsAuthenticationWithoutItsPassword() {
        try (LocalRedis server = LocalRedis.start()) {
            String url = "redis://nobody-here:hunter2-secret@127.0.0.1:" + server.port();
            assertThatThrownBy(() -> RedisGateway.open(RedisTarget.parse(url)))
                    .isInstanceOf(RedisFailure.class)
                    .satisfies(e -> assertThat(kindOf(e)).isEqualTo(RedisFailure.Kind.AUTH))
                    .hasMessageContaining("wrong user name or password")
                    .hasMessageNotContaining("hunter2-secret");
        }
    }

    @Test
    void tlsVerifiesThePeerByDefaultAndAWrongCaIsRefusedClearly() throws IOException {
        int tlsPort = freePort();
        try (LocalRedis ignored = LocalRedis.start(List.of("--tls-port", Integer.toString(tlsPort),
                "--tls-cert-file", tls("server.crt").toString(), "--tls-key-file", tls("server.key").toString(),
                "--tls-ca-cert-file", tls("ca.crt").toString(), "--tls-auth-clients", "no"))) {
            String url = "rediss://127.0.0.1:" + tlsPort;
            RedisTarget plain = RedisTarget.parse(url, Duration.ofSeconds(5));

            // the JDK's trust store does not know our CA: verification is on, so this is refused
            assertThatThrownBy(() -> RedisGateway.open(plain))
                    .isInstanceOf(RedisFailure.class)
                    .satisfies(e -> assertThat(kindOf(e)).isEqualTo(RedisFailure.Kind.TLS))
                    .hasMessageStartingWith("TLS failure with 127.0.0.1:" + tlsPort)
                    .hasMessageContaining("not signed by a trusted CA");
            assertThatThrownBy(() -> RedisGateway.open(plain.withTls(true, tls("other-ca.crt"))))
                    .isInstanceOf(RedisFailure.class)
                    .satisfies(e -> assertThat(kindOf(e)).isEqualTo(RedisFailure.Kind.TLS));

            try (RedisGateway redis = RedisGateway.open(plain.withTls(true, tls("ca.crt")))) {
                PendingBuffers buffers = new PendingBuffers(redis, KeySchema.SEED);
                assertThat(buffers.push(SESSION, PendingMessage.of("over TLS")).length()).isEqualTo(1);
                assertThat(buffers.count(SESSION)).isEqualTo(1);
                // scans read on a connection of their own, not Lettuce's: it verifies the peer the same way
                assertThat(new SessionScan(redis, KeySchema.SEED).all(SessionScan.Options.ALL))
                        .extracting(b -> b.session()).containsExactly(SESSION);
            }
            try (RedisGateway unverified = RedisGateway.open(plain.withTls(false, null))) {
                assertThat(new SessionScan(unverified, KeySchema.SEED).all(SessionScan.Options.ALL)).hasSize(1);
            }

            Map<String, String> env = Map.of("PENDING_CONSOLE_HOME", home.toString());
            CliRun refused = CliRun.run(env, "count", "hostile", "--url", url);
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("TLS failure").contains("not signed by a trusted CA").doesNotContain("\tat ");
            CliRun trusted = CliRun.run(env, "count", "hostile", "--url", url, "--tls-ca", tls("ca.crt").toString());
            assertThat(trusted.exitCode()).isZero();
            assertThat(trusted.out().trim()).isEqualTo("1");
        }
    }

    @Test
    void aReplicaRefusesWritesAsReadOnlyAndKeepsServingReads() throws InterruptedException {
        try (LocalRedis master = LocalRedis.start();
             LocalRedis replica = LocalRedis.start(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())))) {
            try (RedisGateway m = RedisGateway.open(RedisTarget.parse(master.url()))) {
                new PendingBuffers(m, KeySchema.SEED).push(SESSION, PendingMessage.of("on the master"));
            }
            try (RedisGateway r = RedisGateway.open(RedisTarget.parse(replica.url()))) {
                PendingBuffers buffers = new PendingBuffers(r, KeySchema.SEED);
                for (int i = 0; i < 100 && buffers.count(SESSION) == 0; i++) {
                    Thread.sleep(50); // replication catches up
                }
                assertThat(buffers.count(SESSION)).isEqualTo(1);
                assertThatThrownBy(() -> buffers.push(SESSION, PendingMessage.of("to a replica")))
                        .isInstanceOf(RedisFailure.class)
                        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(RedisFailure.Kind.READ_ONLY))
                        .hasMessageContaining("read-only replica");
                assertThatThrownBy(() -> buffers.drain(SESSION))
                        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(RedisFailure.Kind.READ_ONLY));
                Operations ops = new Operations(r, KeySchema.SEED, new DataDir(home), StuckRules.DEFAULT);
                assertThat(new Door(r, ops, home).probeWrites()).hasValueSatisfying(why -> assertThat(why).contains("replica"));
                assertThat(buffers.count(SESSION)).isEqualTo(1);
            }
        }
    }

    @Test
    void aUserWithoutScriptingMayBrowseButPushSaysNoPermission() {
        try (LocalRedis server = LocalRedis.start()) {
            try (RedisGateway admin = RedisGateway.open(RedisTarget.parse(server.url()))) {
                new PendingBuffers(admin, KeySchema.SEED).push(SESSION, PendingMessage.of("x"));
                admin.lettuce(r -> r.aclSetuser("noscript", AclSetuserArgs.Builder.on().addPassword("noscript-pw")
                        .keyPattern("*").allChannels().allCommands().removeCategory(AclCategory.SCRIPTING)));
            }
            String url = "redis://noscript:noscript-pw@127.0.0.1:" + server.port();
            try (RedisGateway redis = RedisGateway.open(RedisTarget.parse(url))) {
                PendingBuffers buffers = new PendingBuffers(redis, KeySchema.SEED);
                assertThat(buffers.peek(SESSION, 0, 10).entries()).hasSize(1);
                assertThatThrownBy(() -> buffers.push(SESSION, PendingMessage.of("y")))
                        .isInstanceOf(RedisFailure.class)
                        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(RedisFailure.Kind.NO_PERMISSION))
                        .hasMessageContaining("no permission").hasMessageNotContaining("noscript-pw");
                Operations ops = new Operations(redis, KeySchema.SEED, new DataDir(home), StuckRules.DEFAULT);
                Inspection seen = ops.inspect(ops.ref(SESSION), 0, 10);
                assertThatThrownBy(() -> new Door(redis, ops, home).clear(seen, true))
                        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(RedisFailure.Kind.NO_PERMISSION));
                assertThat(buffers.count(SESSION)).as("nothing changed").isEqualTo(1);
            }
        }
    }
}
