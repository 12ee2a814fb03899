package dev.pendingconsole.ops;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.devtools.Sandbox;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.support.TestRedis;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxTest {

    @Test
    void demoDataHoldsHealthyBuffersAndEveryKindOfStuckOne() {
        try (RedisGateway redis = TestRedis.freshGateway()) {
            Sandbox.seed(redis, KeySchema.SEED);
            List<BufferSummary> all = new SessionScan(redis, KeySchema.SEED).all(SessionScan.Options.ALL);
            Set<StuckReason> seen = EnumSet.noneOf(StuckReason.class);
            all.forEach(b -> seen.addAll(b.stuck()));
            assertThat(seen).containsExactlyInAnyOrder(StuckReason.values());
            assertThat(all.stream().filter(b -> !b.isStuck() && b.turn().map(TurnStatus::isRunning).orElse(false)))
                    .hasSizeGreaterThanOrEqualTo(3);
            assertThat(new Operations(redis, KeySchema.SEED, new DataDir(Path.of("target/sandbox-test")),
                    StuckRules.DEFAULT).rateLimits()).extracting(RateLimitCounter::limited).contains(true, false);
        }
    }

    @Test
    void theSandboxServerStartsSeededAndGoesAway() {
        String url;
        try (Sandbox sandbox = Sandbox.start(0)) {
            url = sandbox.url();
            try (RedisGateway redis = RedisGateway.open(RedisTarget.parse(url))) {
                assertThat(new SessionScan(redis, KeySchema.SEED).all(SessionScan.Options.ALL)).hasSizeGreaterThan(8);
            }
        }
        Assertions.assertThatThrownBy(
                () -> RedisGateway.open(RedisTarget.parse(url)).close())
                .hasMessageContaining("connection refused");
    }

    @Test
    void aClusterSandboxHoldsBothGenerationsEachJudgedByItsOwnRules() {
        String url;
        try (Sandbox sandbox = Sandbox.startCluster()) {
            url = sandbox.url();
            assertThat(sandbox.isCluster()).isTrue();
            try (RedisGateway redis = RedisGateway.open(RedisTarget.parse(url))) {
                assertThat(redis.isCluster()).as("detected as a cluster").isTrue();
                List<BufferSummary> all = new SessionScan(redis, KeySchema.SEED).all(SessionScan.Options.ALL);
                assertThat(all).hasSize(15); // demo-wrong-type included (issue 25)
                BufferSummary running = all.stream().filter(b -> b.session().text().equals("demo-current-running")).findFirst().orElseThrow();
                BufferSummary idle = all.stream().filter(b -> b.session().text().equals("demo-current-idle")).findFirst().orElseThrow();
                assertThat(running.stuck()).isEmpty();
                assertThat(idle.stuck()).containsExactly(StuckReason.IDLE);
            }
        }
        Assertions.assertThatThrownBy(
                () -> RedisGateway.open(RedisTarget.parse(url)).close())
                .hasMessageContaining("connection refused");
    }
}
