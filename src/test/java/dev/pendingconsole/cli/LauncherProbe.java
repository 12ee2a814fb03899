package dev.pendingconsole.cli;

import java.lang.management.ManagementFactory;

/** Stands in for the jar in {@link LauncherTest}: prints the JVM flags it was started with, then its arguments. */
public final class LauncherProbe {

    private LauncherProbe() {
    }

    public static void main(String[] args) {
        System.out.println("flags " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        System.out.println("args " + String.join(" ", args));
    }
}
