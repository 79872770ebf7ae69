package io.crossroot.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file beside its destination and renames it into place on {@link #commit()}, so a reader never sees a
 * half-written file and a failed or interrupted run leaves nothing at the destination. Closing without commit
 * deletes the temporary file.
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private OutputStream out;
    private boolean committed;

    private AtomicOutput(Path target) throws IOException {
        this.target = target;
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        this.temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
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

    public OutputStream stream() throws IOException {
        if (out == null) {
            out = Files.newOutputStream(temp);
        }
        return out;
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
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                if (out != null) {
                    out.close();
                }
            } finally {
                Files.deleteIfExists(temp);
            }
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
