package io.crossroot.util;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file beside its destination ({@link PartialPath}: OUT.partial-XXXX) and renames it into place on
 * {@link #commit()}, so a reader never sees a half-written file and a failed or interrupted run leaves nothing at
 * the destination. Closing without commit, or Ctrl-C (a shutdown hook), deletes the temporary file; one left by a
 * killed run is deleted by the next run for the same destination.
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final ExitCleanup cleanup;
    private volatile PartialPath partial; // set by the cleanup's prepare, so a Ctrl-C at any moment removes it
    private volatile Path temp;
    private OutputStream out;
    private boolean committed;

    private AtomicOutput(Path target) throws IOException {
        this.target = target;
        Files.createDirectories(target.toAbsolutePath().getParent());
        this.cleanup = ExitCleanup.register("crossroot-partial-cleanup", this::discard);
        cleanup.prepare(() -> {
            PartialPath claimed = PartialPath.claim(target);
            try {
                Files.createFile(claimed.path());
            } catch (IOException e) {
                claimed.close();
                throw e;
            }
            partial = claimed;
            temp = claimed.path();
            return claimed;
        });
    }

    public static AtomicOutput open(Path target) {
        try {
            return new AtomicOutput(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The temporary path being written (for tools that write a path rather than a stream). */
    public Path tempPath() {
        return temp;
    }

    /** The stream to write; a full file system ends it with a {@link UserError} naming the destination. */
    public OutputStream stream() throws IOException {
        if (out == null) {
            out = new FilterOutputStream(Files.newOutputStream(temp)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    try {
                        out.write(b, off, len);
                    } catch (IOException e) {
                        throw namedIfFull(e);
                    }
                }

                @Override
                public void flush() throws IOException {
                    try {
                        out.flush();
                    } catch (IOException e) {
                        throw namedIfFull(e);
                    }
                }
            };
        }
        return out;
    }

    /** Throws the {@link UserError} for a full file system; returns any other failure for the caller to throw. */
    private IOException namedIfFull(IOException e) {
        if (WriteFailure.isFull(e)) {
            throw WriteFailure.of(target, e, "Free space on that file system, or write to another one.");
        }
        return e;
    }

    /** Moves the finished file into place, replacing an older one. */
    public void commit() throws IOException {
        if (out != null) {
            out.close();
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        cleanup.dismiss();
        partial.close();
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                if (out != null) {
                    out.close();
                }
            } finally {
                cleanup.close();
            }
        }
    }

    private void discard() {
        if (partial == null) {
            return; // stopped before anything was created
        }
        try {
            Files.deleteIfExists(temp);
            partial.close();
        } catch (IOException e) {
            System.err.println("crossroot: could not delete " + temp + ": " + e.getMessage());
        }
    }

    /** Writes bytes atomically to {@code target}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        try (AtomicOutput o = new AtomicOutput(target)) {
            o.stream().write(bytes);
            o.commit();
        }
    }
}
