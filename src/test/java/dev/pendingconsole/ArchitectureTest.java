package dev.pendingconsole;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layer rules, checked on the compiled classes. Dependencies point one way: core (the backend's
 * contract, no client library) ← redis (Lettuce, the gateway, every Lua script) and local (files on this
 * machine) ← ops (the workspace and its one write door) ← devtools (sandbox, bench, throwaway servers) ←
 * cli, ui, which never touch redis. The CLI and the
 * console reach Redis only through ops' Workspace: never Lettuce, never the core's gateway or buffer
 * operations, which write without the door's plan, confirmation, backup and audit.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pendingconsole");
    }

    @Test
    void noPackageDependsOnALayerAboveIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("core").definedBy("dev.pendingconsole.core..")
                .layer("redis").definedBy("dev.pendingconsole.redis..")
                .layer("local").definedBy("dev.pendingconsole.local..")
                .layer("ops").definedBy("dev.pendingconsole.ops..")
                .layer("devtools").definedBy("dev.pendingconsole.devtools..")
                .layer("cli").definedBy("dev.pendingconsole.cli..")
                .layer("ui").definedBy("dev.pendingconsole.ui..")
                .layer("launcher").definedBy("dev.pendingconsole")
                .whereLayer("launcher").mayNotBeAccessedByAnyLayer()
                .whereLayer("cli").mayOnlyBeAccessedByLayers("launcher")
                .whereLayer("ui").mayOnlyBeAccessedByLayers("launcher")
                .whereLayer("devtools").mayOnlyBeAccessedByLayers("cli", "ui", "launcher")
                .whereLayer("ops").mayOnlyBeAccessedByLayers("devtools", "cli", "ui", "launcher")
                .whereLayer("local").mayOnlyBeAccessedByLayers("ops", "devtools", "cli", "ui", "launcher")
                .whereLayer("redis").mayOnlyBeAccessedByLayers("ops", "devtools")
                .whereLayer("core").mayOnlyBeAccessedByLayers("redis", "local", "ops", "devtools", "cli", "ui", "launcher")
                .because("the CLI and the console reach Redis only through ops' Workspace, whose one door every write passes")
                .check(classes);
    }

    @Test
    void theContractAndTheLocalFilesKnowNothingOfTheRedisClient() {
        noClasses().that().resideInAnyPackage("dev.pendingconsole.core..", "dev.pendingconsole.local..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..", "io.netty..", "dev.pendingconsole.redis..")
                .check(classes);
    }

    @Test
    void thePackagesFormNoCycle() {
        slices().matching("dev.pendingconsole.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void consoleFeaturesFormNoCycleAndNeverReachBackIntoTheShell() {
        slices().matching("dev.pendingconsole.ui.(*)..").should().beFreeOfCycles().check(classes);
        noClasses().that().resideInAPackage("dev.pendingconsole.ui.(*)..")
                .should().dependOnClassesThat().resideInAPackage("dev.pendingconsole.ui")
                .check(classes);
        noClasses().that().resideInAPackage("dev.pendingconsole.ui.common..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pendingconsole.ui.connect..",
                        "dev.pendingconsole.ui.sessions..", "dev.pendingconsole.ui.inspector..", "dev.pendingconsole.ui.inject..",
                        "dev.pendingconsole.ui.dashboard..", "dev.pendingconsole.ui.limits..")
                .check(classes);
    }

    @Test
    void onlyTheRedisPackageUsesLettuce() {
        noClasses().that().resideOutsideOfPackages("dev.pendingconsole.redis..", "dev.pendingconsole.devtools..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..", "io.netty..")
                .because("one way to talk to Redis: the gateway and its typed Commands, Pipeline and scripts"
                        + " (devtools measure raw Lettuce baselines and seed the sandbox's own server)")
                .check(classes);
    }

    @Test
    void cliAndUiWriteOnlyThroughTheWorkspace() {
        noClasses().that().resideInAnyPackage("dev.pendingconsole.cli..", "dev.pendingconsole.ui..")
                .should().dependOnClassesThat().resideInAPackage("dev.pendingconsole.redis..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.pendingconsole.ops.Operations")
                .because("every write goes through Workspace: plan, confirm, backup, execute, audit, undo")
                .check(classes);
    }

    /**
     * The gateway's write side and the core's push, drain and clear are called only from the write door's
     * package (nested and anonymous classes included, since the rule is by package), from the redis layer
     * itself, and from devtools (the sandbox seeds its own throwaway server).
     */
    @Test
    void onlyTheWriteDoorWritesToRedis() {
        DescribedPredicate<JavaMethodCall> writes =
                DescribedPredicate.describe("a Redis write", call -> {
                    String owner = call.getTarget().getOwner().getName();
                    String name = call.getTarget().getName();
                    return owner.equals("dev.pendingconsole.redis.RedisGateway")
                            && Set.of("write", "script", "lettuceWrite").contains(name)
                            || owner.equals("dev.pendingconsole.redis.PendingBuffers")
                            && Set.of("push", "drain", "clear", "notifyPushed", "announce").contains(name);
                });
        noClasses().that().resideOutsideOfPackages("dev.pendingconsole.ops.write..", "dev.pendingconsole.redis..",
                        "dev.pendingconsole.devtools..")
                .should().callMethodWhere(writes)
                .because("every write is a Write value run by the WriteDoor: plan, confirm, backup, script, audit, undo")
                .check(classes);
    }

    @Test
    void cliAndUiNeverReachTheWriteDoorsInsides() {
        noClasses().that().resideInAnyPackage("dev.pendingconsole.cli..", "dev.pendingconsole.ui..")
                .should().dependOnClassesThat().resideInAPackage("dev.pendingconsole.redis..")
                .orShould().dependOnClassesThat(DescribedPredicate.describe("Operations or its nested types",
                        c -> c.getName().startsWith("dev.pendingconsole.ops.Operations")))
                .check(classes);
    }

    @Test
    void coreAndOpsDoNotDependOnJavaFx() {
        noClasses().that().resideInAnyPackage("dev.pendingconsole.core..", "dev.pendingconsole.ops..", "dev.pendingconsole.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..")
                .check(classes);
    }

    @Test
    void nothingUsesKeys() {
        noClasses().should().callMethodWhere(DescribedPredicate.describe("KEYS",
                        call -> call.getTarget().getName().equals("keys")
                                && call.getTarget().getOwner().getPackageName().startsWith("io.lettuce")))
                .because("a scan walks the keyspace with a cursor; KEYS blocks the server")
                .check(classes);
    }
}
