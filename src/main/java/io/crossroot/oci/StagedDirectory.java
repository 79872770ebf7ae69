package io.crossroot.oci;

import io.crossroot.util.Trees;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A directory written as OUT.partial-XXXX beside OUT and renamed into place on {@link #commit}; closing without
 * commit, or Ctrl-C, deletes it. An older OCI layout at OUT is replaced; any other non-empty OUT is refused.
 */
final class StagedDirectory implements AutoCloseable {
    private final Path output;
    private final Path dir;
    private final Thread cleanup;
    private boolean committed;

    private StagedDirectory(Path output, Path dir) {
        this.output = output;
        this.dir = dir;
        this.cleanup = new Thread(() -> Trees.deleteQuietly(dir), "crossroot-oci-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    static StagedDirectory beside(Path output) throws IOException {
        Path out = output.toAbsolutePath().normalize();
        if (Files.exists(out) && !isEmptyDir(out) && !Files.exists(out.resolve(OciLayout.MARKER))) {
            throw new UserError(out + " exists and is neither empty nor an OCI image layout; crossroot will not "
                    + "overwrite it. Choose another output directory or delete it first.");
        }
        Files.createDirectories(out.getParent());
        return new StagedDirectory(out, Files.createTempDirectory(out.getParent(), out.getFileName() + ".partial-"));
    }

    Path path() {
        return dir;
    }

    void commit() throws IOException {
        if (Files.exists(output)) {
            Path old = Files.createTempDirectory(output.getParent(), output.getFileName() + ".old-");
            Files.delete(old);
            Files.move(output, old);
            Files.move(dir, output);
            Trees.delete(old);
        } else {
            Files.move(dir, output);
        }
        committed = true;
    }

    @Override
    public void close() {
        if (!committed) {
            Trees.deleteQuietly(dir);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // already shutting down: the hook does the work
        }
    }

    private static boolean isEmptyDir(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }
}
