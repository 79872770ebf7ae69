package io.crossroot.debian;

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
 * Content-addressed cache of verified files: ROOT/sha256/HEX. A file appears only complete and verified (written
 * beside its final name, then renamed), so concurrent crossroot processes can share one cache; two writers of
 * the same blob write identical bytes.
 */
public final class BlobStore {
    /** Bytes read past the expected size before giving up, so a mismatch can still report the actual size. */
    private static final long OVERRUN_LIMIT = 16L << 20;

    private final Path dir;

    /** A store under {@code root} (the crossroot cache's "blobs" directory). */
    public BlobStore(Path root) {
        this.dir = root.resolve("sha256");
    }

    /** Where the blob with this hash lives (whether or not it is there). */
    public Path path(String sha256) {
        return dir.resolve(HashedFile.checkSha256(sha256));
    }

    /** The cached file, when present with the expected size. */
    public Optional<Path> find(HashedFile file) {
        Path p = path(file.sha256());
        try {
            return Files.isRegularFile(p) && Files.size(p) == file.size() ? Optional.of(p) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // vanished meanwhile: treat as absent and fetch again
        }
    }

    /**
     * Copies {@code in} into the store if it has exactly {@code expected}'s size and hash; otherwise keeps nothing
     * and throws {@link HashMismatchError} naming {@code url}.
     */
    Path store(InputStream in, HashedFile expected, String url, LongConsumer progress) throws IOException {
        Path target = path(expected.sha256());
        MessageDigest digest = Digests.sha256();
        long limit = expected.size() + OVERRUN_LIMIT;
        long total = 0;
        try (AtomicOutput out = AtomicOutput.open(target)) {
            OutputStream os = out.stream();
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > limit) {
                    throw new HashMismatchError(url, expected, limit, null);
                }
                digest.update(buf, 0, n);
                os.write(buf, 0, n);
                progress.accept(n);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (total != expected.size() || !actual.equals(expected.sha256())) {
                throw new HashMismatchError(url, expected, total, actual);
            }
            out.commit();
        }
        return target;
    }
}
