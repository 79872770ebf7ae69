package io.crossroot.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A directory written as OUT.partial-XXXX beside OUT (mode 0755, as a root file system's top directory must be)
 * and renamed into place on {@link #commit}, replacing whatever the caller allowed to be at OUT; closing without
 * commit, a failure, or Ctrl-C (a shutdown hook) deletes it. Callers check first what OUT may hold.
 */
public final class StagedDirectory implements AutoCloseable {
    private final Path output;
    private final Path dir;
    private final Thread cleanup;
    private boolean done;

    private StagedDirectory(Path output, Path dir) {
        this.output = output;
        this.dir = dir;
        this.cleanup = new Thread(() -> Trees.deleteQuietly(dir), "crossroot-staging-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    public static StagedDirectory beside(Path output) throws IOException {
        Path out = output.toAbsolutePath().normalize();
        Files.createDirectories(out.getParent());
        return new StagedDirectory(out, Files.createTempDirectory(out.getParent(), out.getFileName() + ".partial-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"))));
    }

    public Path path() {
        return dir;
    }

    public Path output() {
        return output;
    }

    /** Renames the tree to OUT; what was at OUT is moved aside first and deleted after. */
    public void commit() throws IOException {
        if (Files.exists(output)) {
            Path old = Files.createTempDirectory(output.getParent(), output.getFileName() + ".old-");
            Files.delete(old);
            Files.move(output, old);
            Files.move(dir, output);
            Trees.delete(old);
        } else {
            Files.move(dir, output);
        }
        done = true;
        removeHook();
    }

    @Override
    public void close() {
        if (!done) {
            Trees.deleteQuietly(dir);
            done = true;
            removeHook();
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // already shutting down: the hook does the work
        }
    }
}
