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
    private final ExitCleanup cleanup;
    private volatile PartialPath partial; // set by the cleanup's prepare, so a Ctrl-C at any moment removes it
    private volatile Path dir;

    private PartialDirectory(Path output) throws IOException {
        this.output = output;
        this.cleanup = ExitCleanup.register("crossroot-staging-cleanup", () -> {
            if (partial != null) { // else stopped before anything was created
                if (ExitCleanup.shuttingDown()) {
                    deleteWhileItsWritersStop();
                } else {
                    Trees.deleteQuietly(dir);
                }
                release();
            }
        });
        cleanup.prepare(() -> {
            PartialPath claimed = PartialPath.claim(output);
            try {
                Files.createDirectory(
                        claimed.path(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
                // the umask narrowed the mode
                Files.setPosixFilePermissions(claimed.path(), PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException e) {
                claimed.close();
                throw e;
            }
            partial = claimed;
            dir = claimed.path();
            return claimed;
        });
    }

    /**
     * On Ctrl-C the sandbox that writes into the tree is being ended by other hooks (a host process, or a container
     * the engine removes): a deletion that runs meanwhile meets files created after it passed, so it is repeated,
     * for a bounded time, until the tree is gone.
     */
    private void deleteWhileItsWritersStop() {
        HostProcess.endAll();
        for (int attempt = 0; attempt < 50; attempt++) {
            Trees.deleteQuietly(dir);
            if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public static PartialDirectory beside(Path output) throws IOException {
        Path out = output.toAbsolutePath().normalize();
        Files.createDirectories(out.getParent());
        return new PartialDirectory(out);
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
