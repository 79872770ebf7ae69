package io.crossroot.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one place crossroot makes a process on the host: a program of the host's minbase ({@link HostProgram}) or
 * one crossroot fetched from the mirror itself (the toolbox's loader, a qemu interpreter, a probe). Either is found
 * before it is started, so a missing one is a {@link UserError} that says which program, from which package, and
 * what to do, never the JDK's bare "Exec failed, error: 2". HostProgramsTest checks that no other class makes one.
 */
public final class HostProcess {
    /** Processes running now: on Ctrl-C the JVM exits without unwinding, so a hook ends them and what they started. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        try {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(() -> LIVE.forEach(HostProcess::kill), "crossroot-process-cleanup"));
        } catch (IllegalStateException e) {
            // first used by a cleanup while crossroot is stopping: it started nothing, so there is nothing to end
        }
    }

    private HostProcess() {}

    /**
     * Ends every process crossroot started, and what they started, and waits until they are gone: a cleanup on
     * Ctrl-C that deletes the tree they write into must not race them.
     */
    public static void endAll() {
        List<ProcessHandle> ending = new ArrayList<>();
        for (Process p : LIVE) {
            p.descendants().forEach(ending::add);
            ending.add(p.toHandle());
            kill(p);
        }
        for (ProcessHandle h : ending) {
            try {
                h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // gone already, or not ending: the cleanup goes ahead and says what it could not delete
            }
        }
    }

    /** Ends {@code p} and every process below it (a sandbox's whole PID namespace ends with its first process). */
    public static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** {@code program} with {@code args}, by the path it has on this host. */
    public static ProcessBuilder of(HostProgram program, List<String> args) {
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(program.path().toString());
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    public static ProcessBuilder of(HostProgram program, String... args) {
        return of(program, List.of(args));
    }

    /**
     * As {@link #of(HostProgram, List)} for a long-running program that writes into crossroot's outputs: the kernel
     * kills it when the thread that started it is gone, so a SIGKILL of crossroot (which runs no cleanup) leaves no
     * orphan writing on. The starting thread must wait for it, as every such caller does.
     */
    public static ProcessBuilder endingWithUs(HostProgram program, List<String> args) {
        List<String> command = new ArrayList<>(
                List.of("--pdeathsig", "KILL", "--", program.path().toString()));
        command.addAll(args);
        return of(HostProgram.SETPRIV, command);
    }

    /**
     * A command whose program (its first word, a path) crossroot fetched from the mirror; {@code missing} is the
     * error when that file is not there or cannot be run, which says where it comes from and how to fetch it again.
     */
    public static ProcessBuilder fetched(List<String> command, Supplier<UserError> missing) {
        if (!Files.isExecutable(Path.of(command.get(0)))) {
            throw missing.get();
        }
        return new ProcessBuilder(command);
    }

    /**
     * Starts {@code builder}; a program the kernel will not start (found, but not runnable) is a {@link UserError}.
     * Once the JVM shuts down (Ctrl-C) nothing new starts: a tool started then would write where the cleanup has
     * just deleted.
     */
    public static Process start(ProcessBuilder builder) {
        if (ExitCleanup.shuttingDown()) {
            throw new UserError("Interrupted before " + builder.command().get(0) + " could start.");
        }
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            throw notStarted(builder, e);
        }
        LIVE.add(p);
        p.onExit().thenRun(() -> LIVE.remove(p));
        return p;
    }

    /** The one-paragraph error for a program that was found but did not start. */
    public static UserError notStarted(ProcessBuilder builder, IOException e) {
        // the JDK says the same thing twice, as the exception and as its cause: the cause is the kernel's word
        String reason = e.getCause() != null && e.getCause().getMessage() != null
                ? e.getCause().getMessage()
                : e.getMessage();
        return new UserError(
                "Could not start " + builder.command().get(0) + ": " + reason + ". Check that the file "
                        + "is intact and executable (a program crossroot fetched is fetched again once its directory in "
                        + "crossroot's cache is deleted).",
                e);
    }
}
