package io.crossroot.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A directory written as OUT.partial-XXXX beside OUT ({@link PartialPath}; mode 0755, as a root file system's top
 * directory must be) and renamed into place on {@link #commit}, replacing whatever the caller allowed to be at OUT; closing without
 * commit, a failure, or Ctrl-C (a shutdown hook) deletes it. Callers check first what OUT may hold.
 */
public final class PartialDirectory implements AutoCloseable {
    private final Path output;
    private final PartialPath partial;
    private final Path dir;
    private final ExitCleanup cleanup;

    private PartialDirectory(Path output, PartialPath partial) {
        this.output = output;
        this.partial = partial;
        this.dir = partial.path();
        this.cleanup = ExitCleanup.register("crossroot-staging-cleanup", () -> {
            Trees.deleteQuietly(dir);
            release();
        });
    }

    public static PartialDirectory beside(Path output) throws IOException {
        Path out = output.toAbsolutePath().normalize();
        Files.createDirectories(out.getParent());
        PartialPath partial = PartialPath.claim(out);
        try {
            Files.createDirectory(partial.path(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Files.setPosixFilePermissions(partial.path(), PosixFilePermissions.fromString("rwxr-xr-x")); // the umask narrowed the mode
        } catch (IOException e) {
            partial.close();
            throw e;
        }
        return new PartialDirectory(out, partial);
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
        cleanup.dismiss();
        release();
    }

    private void release() {
        try {
            partial.close();
        } catch (IOException e) {
            System.err.println("crossroot: could not delete the lock beside " + dir + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        cleanup.close(); // deletes the tree unless it was committed
    }
}
