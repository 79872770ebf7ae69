package io.crossroot.rootfs;

import io.crossroot.util.AtomicOutput;
import io.crossroot.util.Trees;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The directory a root filesystem is built in, OUT.partial-XXXX beside OUT, so that OUT appears only complete:
 * {@link #commit} renames it into place (or writes OUT as a tar); closing without commit, a failure, or Ctrl-C
 * (a shutdown hook) deletes it.
 */
final class StagingDir implements AutoCloseable {
    private final Path output;
    private final Path dir;
    private final Thread hook;
    private boolean done;

    private StagingDir(Path output, Path dir) {
        this.output = output;
        this.dir = dir;
        this.hook = new Thread(() -> Trees.deleteQuietly(dir), "crossroot-staging-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static StagingDir beside(Path output) {
        Path out = output.toAbsolutePath().normalize();
        if (isTar(out) ? Files.exists(out) : !isAbsentOrEmptyDir(out)) {
            throw new UserError(out + " already exists" + (isTar(out) ? "" : " and is not an empty directory")
                    + ". crossroot does not overwrite a root filesystem: choose another output or delete it first.");
        }
        try {
            Files.createDirectories(out.getParent());
            // a root file system's top directory is 0755: createTempDirectory's 0700 would lock out every user but root
            return new StagingDir(out, Files.createTempDirectory(out.getParent(), out.getFileName() + ".partial-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"))));
        } catch (IOException e) {
            throw new UserError("Cannot create a build directory beside " + out + ": " + e.getMessage()
                    + ". Check that its parent directory is writable.", e);
        }
    }

    static boolean isTar(Path output) {
        return output.getFileName().toString().endsWith(".tar");
    }

    private static boolean isAbsentOrEmptyDir(Path p) {
        if (!Files.exists(p)) {
            return true;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    Path path() {
        return dir;
    }

    Path output() {
        return output;
    }

    /** Puts the finished tree at the output: a rename for a directory, a tar written atomically otherwise. */
    void commit() throws IOException {
        if (isTar(output)) {
            try (AtomicOutput out = AtomicOutput.open(output)) {
                RootfsTar.write(dir, out.stream());
                out.commit();
            }
            Trees.delete(dir);
        } else {
            Files.deleteIfExists(output); // an empty directory, checked above
            Files.move(dir, output);
        }
        done = true;
        Runtime.getRuntime().removeShutdownHook(hook);
    }

    @Override
    public void close() {
        if (!done) {
            Trees.deleteQuietly(dir);
            Runtime.getRuntime().removeShutdownHook(hook);
            done = true;
        }
    }
}
