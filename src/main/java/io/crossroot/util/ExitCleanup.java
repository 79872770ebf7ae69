package io.crossroot.util;

/**
 * An action that runs when its scope ends, or, if the JVM exits first (Ctrl-C), as the JVM shuts down:
 * {@code try (ExitCleanup c = ExitCleanup.register("name", action)) { ... }}.
 */
public final class ExitCleanup implements AutoCloseable {
    private final Runnable action;
    private final Thread hook;

    private ExitCleanup(Runnable action, Thread hook) {
        this.action = action;
        this.hook = hook;
    }

    public static ExitCleanup register(String name, Runnable action) {
        Thread hook = new Thread(action, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return new ExitCleanup(action, hook);
    }

    /** Runs the action now and forgets the hook. */
    @Override
    public void close() {
        action.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs the action (again, harmlessly)
        }
    }
}
