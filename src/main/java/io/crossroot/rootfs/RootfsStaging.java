package io.crossroot.rootfs;

import io.crossroot.util.AtomicOutput;
import io.crossroot.util.PartialDirectory;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The directory a root filesystem is built in ({@link PartialDirectory}, beside OUT), so that OUT appears only
 * complete: {@link #commit} renames it into place or writes OUT as a tar. OUT must be absent, or an empty
 * directory: crossroot never overwrites a root filesystem.
 */
final class RootfsStaging implements AutoCloseable {
    private final PartialDirectory staged;

    private RootfsStaging(PartialDirectory staged) {
        this.staged = staged;
    }

    static RootfsStaging beside(Path output) {
        Path out = output.toAbsolutePath().normalize();
        if (isTar(out) ? Files.exists(out) : !isAbsentOrEmptyDir(out)) {
            throw new UserError(out + " already exists" + (isTar(out) ? "" : " and is not an empty directory")
                    + ". crossroot does not overwrite a root filesystem: choose another output or delete it first.");
        }
        try {
            return new RootfsStaging(PartialDirectory.beside(out));
        } catch (IOException e) {
            throw new UserError(
                    "Cannot create a build directory beside " + out + ": " + e.getMessage()
                            + ". Check that its parent directory is writable.",
                    e);
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
        return staged.path();
    }

    Path output() {
        return staged.output();
    }

    /** Puts the finished tree at the output: a rename for a directory, a tar written atomically otherwise. */
    void commit() throws IOException {
        if (isTar(output())) {
            try (AtomicOutput out = AtomicOutput.open(output())) {
                RootfsTar.write(path(), out.stream());
                out.commit();
            }
            staged.close(); // the tree was only the tar's source
        } else {
            staged.commit();
        }
    }

    @Override
    public void close() {
        staged.close();
    }
}
