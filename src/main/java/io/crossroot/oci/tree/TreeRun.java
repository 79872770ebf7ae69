package io.crossroot.oci.tree;

import io.crossroot.util.HostProcess;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One run of an external program over a whole tree (getfattr for its extended attributes, find for its file
 * metadata), started on its own thread: starting a process alone takes a JVM tens of milliseconds, and the program
 * reads the tree faster than per-file calls from a JVM that has not compiled them yet. {@link #get} waits for the
 * parsed answer; {@link #close} stops a run whose answer was never needed.
 */
final class TreeRun<T> implements AutoCloseable {
    /** Reads the program's whole output. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(InputStream output, Path tree) throws IOException;
    }

    /**
     * How a kind of run is made: what it reads (for messages), its program's name, the process that reads a tree
     * (made through {@link io.crossroot.util.HostProcess}, which finds the program or says where to get it), whether
     * a non-zero exit status means its answer is incomplete, and how its output reads.
     */
    record Kind<T>(
            String what,
            String program,
            Function<Path, ProcessBuilder> process,
            boolean exitStatusMatters,
            Parser<T> parser) {}

    private final AtomicReference<Process> process = new AtomicReference<>();
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final String what;

    private TreeRun(String what) {
        this.what = what;
    }

    /** A new run over {@code tree}. */
    static <T> TreeRun<T> start(Kind<T> kind, Path tree) {
        return launch(kind, resolved(tree));
    }

    /**
     * The tree's real path: find and getfattr do not follow a symbolic link given as the tree (they report the
     * link), and a root filesystem is often reached through one. A path that does not resolve is left for the
     * program to report.
     */
    private static Path resolved(Path tree) {
        try {
            return tree.toRealPath();
        } catch (IOException e) {
            return tree.toAbsolutePath().normalize();
        }
    }

    private static <T> TreeRun<T> launch(Kind<T> kind, Path abs) {
        TreeRun<T> run = new TreeRun<>(kind.what());
        Thread.ofPlatform().daemon().name(kind.program()).start(() -> {
            try {
                run.result.complete(run.read(kind, abs));
            } catch (IOException | RuntimeException e) {
                run.result.completeExceptionally(e);
            }
        });
        return run;
    }

    private T read(Kind<T> kind, Path abs) throws IOException {
        Process p = HostProcess.start(kind.process()
                .apply(abs)
                .redirectError(
                        kind.exitStatusMatters() ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD));
        process.set(p);
        p.getOutputStream().close();
        // stderr is read aside, so a program that writes much there never blocks with its output unread
        FutureTask<byte[]> errors = new FutureTask<>(() -> readAll(p.getErrorStream()));
        if (kind.exitStatusMatters()) {
            Thread.ofPlatform().daemon().name(kind.program() + "-errors").start(errors);
        }
        T parsed;
        try (InputStream out = p.getInputStream()) {
            parsed = kind.parser().parse(out, abs);
        }
        try {
            if (!p.waitFor(1, TimeUnit.MINUTES)) {
                p.destroy();
                throw new IOException(kind.program() + " did not finish reading " + abs + " within a minute");
            }
            if (kind.exitStatusMatters() && p.exitValue() != 0) {
                String message = new String(errors.get(), java.nio.charset.StandardCharsets.UTF_8).strip();
                throw new IOException(kind.program() + " failed reading " + abs + " (exit status " + p.exitValue()
                        + (message.isEmpty() ? "" : ": " + message) + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading " + kind.what() + " of " + abs);
        } catch (ExecutionException e) {
            throw new IOException("reading what " + kind.program() + " reported failed", e.getCause());
        }
        return parsed;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** The parsed answer, once the run has ended. */
    T get() throws IOException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading " + what);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UserError user) {
                throw user; // already the whole paragraph (a program that is missing, say)
            }
            throw e.getCause() instanceof IOException io
                    ? io
                    : new IOException("reading " + what + " failed", e.getCause());
        }
    }

    @Override
    public void close() {
        Process p = process.get();
        if (p != null) {
            p.destroy();
        }
    }
}
