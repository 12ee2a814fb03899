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
import dev.pendingconsole.support.Door;
import dev.pendingconsole.support.TestRedis;

import io.lettuce.core.AclCategory;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Read-only connections and ACL users without write permission browse freely and write nothing. */
class AccessTest {

    @TempDir
    Path home;

    private static RedisFailure.Kind kindOf(Throwable e) {
        return ((RedisFailure) e).kind();
    }

    @Test
    void aReadOnlyConnectionBrowsesButRefusesEveryWrite() {
        SessionId s = SessionId.of("ro");
        try (RedisGateway writer = TestRedis.freshGateway()) {
            new PendingBuffers(writer, KeySchema.SEED).push(s, PendingMessage.of("x"));
        }
        RedisTarget target = RedisTarget.parse(TestRedis.shared().url()).readOnly(true);
        try (RedisGateway redis = RedisGateway.open(target)) {
            Operations ops = new Operations(redis, KeySchema.SEED, new DataDir(home), StuckRules.DEFAULT);
            PendingBuffers buffers = ops.buffers(ops.ref(s));
            assertThat(ops.scan().all(SessionScan.Options.ALL)).hasSize(1);
            Inspection seen = ops.inspect(ops.ref(s), 0, 10);
            assertThat(seen.page().entries()).hasSize(1);
            List<Runnable> writes = List.of(
                    () -> buffers.push(s, PendingMessage.of("y")),
                    () -> buffers.drain(s),
                    () -> buffers.clear(s),
                    () -> new Door(redis, ops, home).clear(seen, true),
                    () -> new Door(redis, ops, home).drain(ops.ref(s), true),
                    () -> new Door(redis, ops, home).removeEntry(ops.ref(s), 0, seen.raws().get(0), true),
                    () -> new Door(redis, ops, home).setTtl(ops.ref(s), new TtlChange.Persist()),
                    () -> new Door(redis, ops, home).resetRateLimit("u"));
            for (Runnable write : writes) {
                assertThatThrownBy(write::run).isInstanceOf(RedisFailure.class)
                        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(RedisFailure.Kind.READ_ONLY_MODE))
                        .hasMessageStartingWith("read-only: ");
            }
            assertThat(buffers.count(s)).isEqualTo(1);
        }
    }

    @Test
    void anAclUserWithoutWritePermissionGetsNoPermissionNotACrash() {
        try (RedisGateway admin = TestRedis.freshGateway()) {
            new PendingBuffers(admin, KeySchema.SEED).push(SessionId.of("acl"), PendingMessage.of("x"));
            admin.lettuce(r -> r.aclSetuser("reader", AclSetuserArgs.Builder.on()
                    .addPassword("reader-pass").keyPattern("*").addCommand(CommandType.PING)
                    .addCategory(AclCategory.READ).addCategory(AclCategory.CONNECTION)));
        }
        String url = "redis://reader:reader-pass@127.0.0.1:" + TestRedis.shared().port();
        try (RedisGateway redis = RedisGateway.open(RedisTarget.parse(url).withMode(RedisTarget.Mode.STANDALONE))) {
            PendingBuffers buffers = new PendingBuffers(redis, KeySchema.SEED);
            assertThat(buffers.count(SessionId.of("acl"))).isEqualTo(1);
            assertThatThrownBy(() -> buffers.push(SessionId.of("acl"), PendingMessage.of("y")))
                    .isInstanceOf(RedisFailure.class)
                    .satisfies(e -> assertThat(kindOf(e)).isEqualTo(RedisFailure.Kind.NO_PERMISSION))
                    .hasMessageContaining("no permission").hasMessageNotContaining("reader-pass");
            assertThat(buffers.count(SessionId.of("acl"))).isEqualTo(1);

            Operations ops = new Operations(redis, KeySchema.SEED, new DataDir(home), StuckRules.DEFAULT);
            assertThat(new Door(redis, ops, home).probeWrites()).contains("the ACL user may not write under copilot:pending:");
            assertThatThrownBy(() -> buffers.push(SessionId.of("acl"), PendingMessage.of("z")))
                    .satisfies(e -> assertThat(kindOf(e)).isEqualTo(RedisFailure.Kind.READ_ONLY_MODE))
                    .hasMessageContaining("may not write");
        } finally {
            try (RedisGateway admin = RedisGateway.open(RedisTarget.parse(TestRedis.shared().url()))) {
                admin.lettuce(r -> r.aclDeluser("reader"));
            }
        }
    }

    @Test
    void theWriteProbeChangesNothingAndPassesForAWriter() {
        try (RedisGateway redis = TestRedis.freshGateway()) {
            Operations ops = new Operations(redis, KeySchema.SEED, new DataDir(home), StuckRules.DEFAULT);
            assertThat(new Door(redis, ops, home).probeWrites()).isEmpty();
            assertThat(redis.<Long>lettuce(r -> r.dbsize())).isZero();
            assertThat(redis.isReadOnly()).isFalse();
        }
    }

    @Test
    void aWrongPasswordIsReportedAsAuthentication() {
        try (LocalRedis locked = LocalRedis.start(List.of("--requirepass", "s3cret"))) {
            assertThatThrownBy(() -> RedisGateway.open(RedisTarget.parse("redis://:guess-9f2c@127.0.0.1:" + locked.port())))
                    .isInstanceOf(RedisFailure.class)
                    .satisfies(e -> assertThat(kindOf(e)).isEqualTo(RedisFailure.Kind.AUTH))
                    .hasMessageNotContaining("guess-9f2c");
            try (RedisGateway ok = RedisGateway.open(RedisTarget.parse("redis://:s3cret@127.0.0.1:" + locked.port()))) {
                assertThat(new String(ok.lettuce(r -> r.ping()).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo("PONG");
            }
        }
    }
}
