package io.crossroot.util;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An action that runs when its scope ends, or, if the JVM exits first (Ctrl-C), as the JVM shuts down:
 * {@code try (ExitCleanup c = ExitCleanup.register("name", action)) { ... }}. Work that succeeded and must stay
 * (an output renamed into place) calls {@link #dismiss} first, and then neither the scope's end nor a later
 * shutdown runs the action.
 */
public final class ExitCleanup implements AutoCloseable {
    private final Runnable action;
    private final Thread hook;
    /** Set by whoever runs or dismisses the action first: the scope's end and a shutdown may race. */
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Open until the action has run or was dismissed, so the hook can wait for a run the scope's end began. */
    private final CountDownLatch settled = new CountDownLatch(1);

    private ExitCleanup(Runnable action) {
        this.action = action;
        this.hook = new Thread(() -> {
            if (finished.compareAndSet(false, true)) {
                runAction();
            } else {
                awaitSettled(); // the JVM halts once the hooks end: the scope's own cleanup must finish first
            }
        });
    }

    private void runAction() {
        try {
            synchronized (this) { // after a prepare() under way, so that what it creates is cleaned up too
                action.run();
            }
        } finally {
            settled.countDown();
        }
    }

    /** Creates what the action cleans up. */
    public interface Setup<T> {
        T create() throws java.io.IOException;
    }

    /**
     * Runs {@code setup} unless the action has already run (crossroot is stopping): what the setup creates is then
     * always removed by the action, never left behind by a shutdown that began half-way through creating it.
     */
    public synchronized <T> T prepare(Setup<T> setup) throws java.io.IOException {
        if (finished.get()) {
            throw new UserError("Interrupted: crossroot is stopping, so it starts nothing new.");
        }
        return setup.create();
    }

    private void awaitSettled() {
        try {
            settled.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Registers the action; once crossroot is stopping (Ctrl-C), nothing new is registered, or started. */
    public static ExitCleanup register(String name, Runnable action) {
        ExitCleanup c = new ExitCleanup(action);
        c.hook.setName(name);
        try {
            Runtime.getRuntime().addShutdownHook(c.hook);
        } catch (IllegalStateException e) {
            throw new UserError("Interrupted: crossroot is stopping, so it starts nothing new.", e);
        }
        return c;
    }

    /**
     * Whether the JVM is shutting down (Ctrl-C, SIGTERM): then a child process that failed was most likely ended
     * by a cleanup hook, and a failure must be reported as the interruption it is. The JVM refuses new hooks from
     * the moment shutdown starts, before any hook runs, so this answer is never late.
     */
    public static boolean shuttingDown() {
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
        } catch (IllegalStateException e) {
            return true;
        }
        Runtime.getRuntime().removeShutdownHook(probe);
        return false;
    }

    /** The work succeeded: the action never runs. */
    public void dismiss() {
        finished.set(true); // before the hook goes: a shutdown starting now must not undo the work
        settled.countDown();
        removeHook();
    }

    /** Runs the action now (unless dismissed) and forgets the hook. */
    @Override
    public void close() {
        if (finished.compareAndSet(false, true)) {
            runAction();
            removeHook();
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook sees the flag
        }
    }
}
