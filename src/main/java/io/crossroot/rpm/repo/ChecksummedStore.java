package io.crossroot.rpm.repo;

import io.crossroot.util.AtomicOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Content-addressed cache of verified repository files, ROOT/TYPE/HEX (for sha256 the layout of crossroot's
 * debian BlobStore, so both can share one directory). A file appears only complete and verified.
 */
final class ChecksummedStore {
    /** Bytes read past the expected size before giving up, so a mismatch can still report the actual size. */
    private static final long OVERRUN_LIMIT = 16L << 20;

    private final Path root;

    ChecksummedStore(Path root) {
        this.root = root;
    }

    Path path(Checksum checksum) {
        return root.resolve(checksum.type()).resolve(checksum.hex());
    }

    Optional<Path> find(RepoFile file) {
        Path p = path(file.checksum());
        try {
            return Files.isRegularFile(p) && Files.size(p) == file.size() ? Optional.of(p) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // vanished meanwhile: fetch again
        }
    }

    /** Copies {@code in} into the store if it matches {@code expected}; otherwise keeps nothing and throws. */
    Path store(InputStream in, RepoFile expected, String url, String listedIn, LongConsumer progress)
            throws IOException {
        Path target = path(expected.checksum());
        MessageDigest digest = expected.checksum().newDigest();
        long limit = expected.size() + OVERRUN_LIMIT;
        long total = 0;
        try (AtomicOutput out = AtomicOutput.open(target)) {
            OutputStream os = out.stream();
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > limit) {
                    throw new RepoChecksumMismatchError(url, listedIn, expected, limit, null);
                }
                digest.update(buf, 0, n);
                os.write(buf, 0, n);
                progress.accept(n);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (total != expected.size() || !actual.equals(expected.checksum().hex())) {
                throw new RepoChecksumMismatchError(url, listedIn, expected, total, actual);
            }
            out.commit();
        }
        return target;
    }
}
