package io.crossroot.cli;

import java.util.ArrayList;
import java.util.List;

/** The command line of a real crossroot run in a JVM of its own, for tests that interrupt or kill it. */
public final class OwnJvm {
    private OwnJvm() {}

    /** {@code crossroot ARGS...} on this test's JDK and class path. */
    public static List<String> crossroot(List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        // env resets SIGINT, which a JVM started from a background job inherits ignored and then keeps ignoring
        List<String> command = new ArrayList<>(List.of(
                "env",
                "--default-signal=INT",
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(args);
        return command;
    }

    public static List<String> crossroot(String... args) {
        return crossroot(List.of(args));
    }
}
