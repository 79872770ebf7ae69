package io.crossroot.sbom;

import io.crossroot.util.ConfinedRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/** A file of a root read for an inventory: resolved inside the root, a regular file, at most a given size. */
final class BoundedFile {
    private BoundedFile() {}

    /** The file's first bytes, up to {@code limit}, and whether it was longer; empty when absent or not regular. */
    record Read(byte[] bytes, boolean truncated) {}

    static Optional<Read> read(Path root, String path, int limit) throws IOException {
        Optional<Path> resolved = ConfinedRoot.resolve(root, path);
        if (resolved.isEmpty() || !Files.isRegularFile(resolved.get(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (InputStream in = ConfinedRoot.openRegular(resolved.get())) {
            byte[] bytes = in.readNBytes(limit);
            return Optional.of(new Read(bytes, in.read() >= 0));
        }
    }
}
