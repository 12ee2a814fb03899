package dev.pendingconsole.support;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.ops.Operations;
import dev.pendingconsole.ops.StuckRules;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ops.write.WriteDoor;
import dev.pendingconsole.redis.RedisGateway;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Redis for a test, as a JUnit extension: {@code @ExtendWith(RedisServer.class)} and a
 * {@link Fresh} parameter give the test the suite's shared server, emptied, a gateway to it and a data
 * directory of its own; both are closed and deleted after the test. Tests that stop or reconfigure a
 * server start their own {@link dev.pendingconsole.devtools.LocalRedis} instead.
 */
public final class RedisServer implements ParameterResolver {

    /** One test's view of the server: emptied before it, closed after it. */
    public static final class Fresh implements ExtensionContext.Store.CloseableResource {
        private final RedisGateway gateway;
        private final Path home;

        private Fresh() {
            this.gateway = TestRedis.freshGateway();
            try {
                this.home = Files.createTempDirectory("pending-test-home-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public RedisGateway gateway() {
            return gateway;
        }

        public String url() {
            return TestRedis.shared().url();
        }

        public RedisTarget target() {
            return gateway.target();
        }

        /** This test's own data directory (backups, the audit log). */
        public Path home() {
            return home;
        }

        /** A workspace over the gateway, writing its files under {@link #home()}. */
        public Workspace workspace(KeySchema schema, boolean production) {
            Operations ops = new Operations(gateway, schema, new DataDir(home), StuckRules.DEFAULT, "test");
            return new Workspace(ops, new WriteDoor(gateway, ops, new DataDir(home), production));
        }

        @Override
        public void close() {
            gateway.close();
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Fresh.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(ExtensionContext.Namespace.create(RedisServer.class, context.getUniqueId()))
                .getOrComputeIfAbsent("fresh", k -> new Fresh(), Fresh.class);
    }
}
